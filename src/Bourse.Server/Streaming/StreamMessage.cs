namespace Bourse.Server.Streaming;

/// <summary>What the server sends on <c>/ws</c>: <c>{"type": ..., "data": ..., "ts": ...}</c>; ts is the server's UTC send time.</summary>
/// <param name="Type">strategy_started, strategy_stopped, strategy_error, signal_generated, order_placed, order_rejected,
/// order_filled, order_updated, trade_executed, position_update, account_update, log, bar, subscribed, unsubscribed, error.</param>
/// <param name="Data">The payload (snake_case object).</param>
/// <param name="Ts">Server time, UTC.</param>
public sealed record StreamMessage(string Type, object Data, DateTime Ts);

/// <summary>What a client sends: <c>{"action": "subscribe"|"unsubscribe", "topics": ["bars:BTCUSD.COINBASE"]}</c>.</summary>
public sealed record ClientCommand(string? Action, IReadOnlyList<string>? Topics);
