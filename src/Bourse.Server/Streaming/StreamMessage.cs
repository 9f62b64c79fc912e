using System.Text.Json;
using Bourse.Server.Infrastructure;

namespace Bourse.Server.Streaming;

/// <summary>What the server sends on <c>/ws</c>: <c>{"type": ..., "data": ..., "ts": ...}</c>; ts is the server's UTC send time.</summary>
/// <param name="Type">strategy_started, strategy_stopped, strategy_error, signal_generated, order_placed, order_rejected,
/// order_filled, order_updated, trade_executed, position_update, account_update, log, bar, subscribed, unsubscribed, error.</param>
/// <param name="Data">The payload (snake_case object).</param>
/// <param name="Ts">Server time, UTC.</param>
public sealed record StreamMessage(string Type, object Data, DateTime Ts)
{
    /// <summary>The UTF-8 JSON text frame of a message stamped with <paramref name="clock"/>'s current time.</summary>
    public static byte[] Encode(string type, object data, TimeProvider clock) =>
        JsonSerializer.SerializeToUtf8Bytes(new StreamMessage(type, data, clock.GetUtcNow().UtcDateTime), JsonSetup.Options);
}

/// <summary>
/// What a client sends: <c>{"action": "auth", "token": "…"}</c> (first, unless the upgrade was authenticated), then
/// <c>{"action": "subscribe"|"unsubscribe", "topics": ["bars:BTCUSD.COINBASE"]}</c>.
/// </summary>
/// <param name="Action">auth, subscribe or unsubscribe.</param>
/// <param name="Topics">bars:SYMBOL.VENUE or bars:*.</param>
/// <param name="Token">An access token (JWT) or an API key bk_….secret, for auth.</param>
public sealed record ClientCommand(string? Action, IReadOnlyList<string>? Topics, string? Token = null);
