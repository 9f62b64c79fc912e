using System.Globalization;

namespace Bourse.Engine.Orders;

/// <summary>
/// Deterministic ids within a run: a prefix and a counter from 1, zero-padded to six digits
/// ("O-000001" for orders, "T-000001" for trades). The same run input gives the same ids.
/// </summary>
internal sealed class IdSequence(string prefix)
{
    private long _last;

    public string Next() => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{++_last:D6}");

    /// <summary>Carries the numbering on after <paramref name="last"/> (a resumed run: ids already used are never issued again).</summary>
    public void ContinueAfter(long last) => _last = Math.Max(_last, last);
}
