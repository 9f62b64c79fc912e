using System.Globalization;

namespace Bourse.Server.Trading;

/// <summary>
/// The UUIDs of an account's orders, computed, never stored: the first three groups of the account id followed by the
/// engine order number in hexadecimal (order O-000123 of account 5f0c1a2b-0d3e-4f50-… is 5f0c1a2b-0d3e-4f50-0000-00000000007b).
/// So an id names its account and order without a look-up, survives restarts, and another account's id never matches.
/// </summary>
public static class BrokerOrderIds
{
    private const int PrefixLength = 19; // "xxxxxxxx-xxxx-xxxx-"

    /// <summary>The UUID of the engine order <paramref name="orderId"/> (O-000123) of <paramref name="accountId"/>.</summary>
    public static Guid For(Guid accountId, string orderId)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        var number = Bourse.Engine.Runs.Recovery.RecoveredCounts.NumberOf(orderId);
        var hex = number.ToString("x16", CultureInfo.InvariantCulture);
        return Guid.Parse($"{accountId.ToString("D")[..PrefixLength]}{hex[..4]}-{hex[4..]}");
    }

    /// <summary>The engine order id (O-000123) that <paramref name="id"/> names in <paramref name="accountId"/>, or null when it is not one of its ids.</summary>
    public static string? OrderIdOf(Guid accountId, Guid id)
    {
        var text = id.ToString("D");
        if (!text.StartsWith(accountId.ToString("D")[..PrefixLength], StringComparison.Ordinal))
        {
            return null;
        }

        var number = long.Parse(text[PrefixLength..].Replace("-", "", StringComparison.Ordinal), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return number > 0 ? string.Create(CultureInfo.InvariantCulture, $"O-{number:D6}") : null;
    }
}
