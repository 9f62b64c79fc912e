#!/usr/bin/env python3
"""Renders real trades from ../shared/data as Binance spot combined-stream messages (see README.md here).

Run from the repository root: python3 tests/Bourse.Testing/Binance/Fixtures/make_fixtures.py
Writes btcusdt.jsonl and xrpeth.jsonl beside this script. Deterministic: the same input gives the same files.
"""
import csv
import gzip
import json
import os
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "..", "..", "..", "shared", "data")
MINUTE = 60_000
KLINE_PUSH_MS = 2_000  # Binance pushes the current kline every 2 s for intervals above 1s


def fmt(value: Decimal) -> str:
    return format(value, ".8f")


def trade_message(symbol, trade):
    ms, trade_id, side, price, amount = trade
    return {"stream": f"{symbol.lower()}@trade", "data": {
        "e": "trade", "E": ms, "s": symbol, "t": trade_id, "p": fmt(price), "q": fmt(amount),
        "T": ms, "m": side == "sell", "M": True}}


def kline_message(symbol, trades, event_ms, closed):
    start = trades[0][0] // MINUTE * MINUTE
    prices = [t[3] for t in trades]
    volume = sum(t[4] for t in trades)
    quote = sum(t[3] * t[4] for t in trades)
    taker_buy = [t for t in trades if t[2] == "buy"]
    return {"stream": f"{symbol.lower()}@kline_1m", "data": {
        "e": "kline", "E": event_ms, "s": symbol, "k": {
            "t": start, "T": start + MINUTE - 1, "s": symbol, "i": "1m",
            "f": trades[0][1], "L": trades[-1][1],
            "o": fmt(prices[0]), "c": fmt(prices[-1]), "h": fmt(max(prices)), "l": fmt(min(prices)),
            "v": fmt(volume), "n": len(trades), "x": closed, "q": fmt(quote),
            "V": fmt(sum(t[4] for t in taker_buy)), "Q": fmt(sum(t[3] * t[4] for t in taker_buy)), "B": "0"}}}


def render(symbol, trades):
    """trades: (ms, id, side, price, amount) in time order, whole minutes only."""
    messages, current, last_push = [], [], None
    for trade in trades:
        if current and trade[0] // MINUTE != current[0][0] // MINUTE:
            messages.append(kline_message(symbol, current, current[0][0] // MINUTE * MINUTE + MINUTE, True))
            current, last_push = [], None
        current.append(trade)
        messages.append(trade_message(symbol, trade))
        if last_push is None or trade[0] - last_push >= KLINE_PUSH_MS:
            messages.append(kline_message(symbol, current, trade[0], False))
            last_push = trade[0]
    messages.append(kline_message(symbol, current, current[0][0] // MINUTE * MINUTE + MINUTE, True))
    with open(os.path.join(HERE, f"{symbol.lower()}.jsonl"), "w", encoding="utf-8", newline="\n") as out:
        for message in messages:
            out.write(json.dumps(message, separators=(",", ":")) + "\n")


def whole_minutes(trades, minutes):
    first = trades[0][0] // MINUTE
    return [t for t in trades if t[0] // MINUTE < first + minutes]


def main():
    with open(os.path.join(DATA, "nautilus", "tardis", "trades.csv"), encoding="utf-8") as f:
        btc = [(int(r["timestamp"]) // 1000, int(r["id"]), r["side"], Decimal(r["price"]), Decimal(r["amount"])) for r in csv.DictReader(f)]
    render("BTCUSDT", whole_minutes(btc, 5))

    with gzip.open(os.path.join(DATA, "freqtrade", "XRP_ETH-trades.json.gz"), "rt", encoding="utf-8") as f:
        xrp = [(r[0], int(r[1]), r[3], r[4], r[5]) for r in json.load(f, parse_float=Decimal)]
    render("XRPETH", whole_minutes(xrp, 30))


if __name__ == "__main__":
    main()
