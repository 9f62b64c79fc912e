using System.Globalization;
using Bourse.Sdk.Identifiers;

namespace Bourse.Server.Brokers.Alpaca;

/// <summary>
/// The <c>client_order_id</c>s a run's orders carry at Alpaca: the run id (32 hex digits), a dash and the run's order id
/// (<c>0f3c…9a-O-000012</c>). The run prefix keeps ids unique in an account that several runs share (Alpaca allows 48
/// characters: the form takes 41 or a few more) and tells the run's orders from the account's others on the stream.
/// </summary>
public sealed class AlpacaClientOrderIds(RunId run)
{
    private readonly string _prefix = run.Value.ToString("N", CultureInfo.InvariantCulture) + "-";

    /// <summary>The id of the order's submission.</summary>
    public string For(ClientOrderId id) => _prefix + id.Value;

    /// <summary>The run's order an Alpaca client order id names; false for another run's or another client's order (or a replacement Alpaca named itself).</summary>
    public bool TryParse(string? clientOrderId, out ClientOrderId id)
    {
        id = default;
        if (clientOrderId is null || !clientOrderId.StartsWith(_prefix, StringComparison.Ordinal) || clientOrderId.Length == _prefix.Length)
        {
            return false;
        }

        id = new ClientOrderId(clientOrderId[_prefix.Length..]);
        return true;
    }
}
