namespace Bourse.Engine.Orders;

/// <summary>
/// Deterministic id numbers within a run, counting from 1: order n is <see cref="Bourse.Sdk.Identifiers.ClientOrderId.Numbered"/>
/// ("O-000001"), trade n <see cref="Bourse.Sdk.Identifiers.TradeId.Numbered"/> ("T-000001"). The same run input gives the same ids.
/// </summary>
internal sealed class IdSequence
{
    private long _last;

    public long Next() => ++_last;

    /// <summary>Carries the numbering on after <paramref name="last"/> (a resumed run: ids already used are never issued again).</summary>
    public void ContinueAfter(long last) => _last = Math.Max(_last, last);
}
