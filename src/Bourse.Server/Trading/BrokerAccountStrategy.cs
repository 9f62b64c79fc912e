using Bourse.Sdk.Strategies;

namespace Bourse.Server.Trading;

/// <summary>
/// The strategy of a paper brokerage account's run: it has no logic of its own. Its run follows every instrument of the
/// feed (matching, marking, risk) and trades only what the account's owner sends through the brokerage API
/// (<see cref="BrokerAccounts"/>).
/// </summary>
[Strategy("Paper Brokerage Account",
    Description = "The run behind a user's paper brokerage account (Alpaca /v2, gRPC Orders): no logic of its own; it trades only the orders its owner sends through the API.",
    RiskLevel = RiskLevel.Low,
    Type = StrategyType.Other)]
public sealed class BrokerAccountStrategy : Strategy
{
}
