// A scripted trading session of the official Alpaca SDK (@alpacahq/alpaca-trade-api), unchanged but for its base URL and
// keys (APCA_API_BASE_URL, APCA_API_KEY_ID, APCA_API_SECRET_KEY): account, market, limit and bracket orders, list, replace,
// cancel, positions, close a position, trade_updates on the SDK's own stream client, then the account's configurations
// (no_shorting refusing a short sale), activities (paged) and portfolio history. Prints one JSON summary line
// (the last line of stdout) for the test that drives it; exits non-zero on any failure.
import Alpaca from "@alpacahq/alpaca-trade-api";

const alpaca = new Alpaca({ paper: true }); // base URL and keys from the environment
const symbol = process.env.SESSION_SYMBOL ?? "BTC/USD";
const pathSymbol = symbol.replace("/", ""); // Alpaca's crypto positions path form: BTCUSD
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what, check, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const waitForStatus = (id, status) =>
  waitFor(`order ${id} ${status}`, async () => {
    const order = await alpaca.getOrder(id);
    return order.status === status ? order : null;
  });

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

const updates = [];
async function listen() {
  const stream = alpaca.trade_ws;
  stream.onOrderUpdate((update) => updates.push(update));
  const connected = new Promise((resolve, reject) => {
    stream.onConnect(() => {
      stream.subscribe(["trade_updates"]);
      resolve();
    });
    stream.onError((error) => reject(new Error(`stream error: ${error}`)));
  });
  stream.connect();
  await connected;
  await sleep(300); // the listening answer
}

async function main() {
  const account = await alpaca.getAccount();
  expect(account.status === "ACTIVE", `account status ${account.status}`);
  expect(typeof account.cash === "string" && Number(account.cash) > 0, `account cash ${account.cash}`);
  await listen();

  // Market order, filled at the next bar.
  const market = await alpaca.createOrder({ symbol, qty: 0.01, side: "buy", type: "market", time_in_force: "gtc", client_order_id: "sdk-market-1" });
  expect(market.client_order_id === "sdk-market-1" && market.symbol === symbol, `market order ${JSON.stringify(market)}`);
  const filled = await waitForStatus(market.id, "filled");
  const price = Number(filled.filled_avg_price);
  expect(price > 0 && filled.filled_qty === "0.01", `fill ${JSON.stringify(filled)}`);

  // Limit order far below the market: works, is replaced, then canceled.
  const limitPrice = (Math.floor(price * 0.5 * 100) / 100).toFixed(2);
  const limit = await alpaca.createOrder({ symbol, qty: "0.02", side: "buy", type: "limit", limit_price: limitPrice, time_in_force: "gtc" });
  await waitForStatus(limit.id, "new");
  const newLimit = (Math.floor(price * 0.4 * 100) / 100).toFixed(2);
  const replaced = await alpaca.replaceOrder(limit.id, { limit_price: newLimit });
  await waitFor("the replaced limit", async () => Number((await alpaca.getOrder(replaced.id)).limit_price) === Number(newLimit));
  await alpaca.cancelOrder(replaced.id);
  await waitForStatus(replaced.id, "canceled");

  // Bracket: market entry with a take-profit far above and a stop-loss far below.
  const bracket = await alpaca.createOrder({
    symbol, qty: 0.01, side: "buy", type: "market", time_in_force: "gtc", order_class: "bracket",
    take_profit: { limit_price: (price * 2).toFixed(2) },
    stop_loss: { stop_price: (price * 0.5).toFixed(2) },
  });
  expect(bracket.order_class === "bracket" && bracket.legs?.length === 2, `bracket ${JSON.stringify(bracket)}`);
  await waitForStatus(bracket.id, "filled");
  const takeProfit = bracket.legs.find((leg) => leg.type === "limit");
  await waitForStatus(takeProfit.id, "new");

  // Lists.
  const all = await alpaca.getOrders({ status: "all", nested: true, limit: 100, direction: "asc" });
  expect(all.some((o) => o.id === bracket.id && o.legs?.length === 2), "the bracket with its legs in the nested list");
  const open = await alpaca.getOrders({ status: "open" });
  expect(open.length === 2 && open.every((o) => o.status === "new"), `open orders ${JSON.stringify(open.map((o) => o.status))}`);

  // Positions, then close: cancel the exits, close the position.
  const positions = await alpaca.getPositions();
  const position = positions.find((p) => p.symbol === symbol);
  expect(position && position.qty === "0.02" && position.side === "long", `positions ${JSON.stringify(positions)}`);
  await alpaca.cancelAllOrders();
  await waitFor("no open order", async () => (await alpaca.getOrders({ status: "open" })).length === 0);
  const closing = await alpaca.closePosition(pathSymbol);
  expect(closing.side === "sell" && closing.qty === "0.02", `closing order ${JSON.stringify(closing)}`);
  await waitForStatus(closing.id, "filled");
  await waitFor("a flat account", async () => (await alpaca.getPositions()).length === 0);

  // trade_updates seen on the stream.
  await waitFor("the closing fill on the stream", async () => updates.some((u) => u.event === "fill" && u.order.id === closing.id));
  const events = [...new Set(updates.map((u) => u.event))].sort();
  for (const wanted of ["canceled", "fill", "new", "replaced"]) {
    expect(events.includes(wanted), `trade_updates ${events.join(",")} lack ${wanted}`);
  }

  const closingFill = updates.find((u) => u.event === "fill" && u.order.id === closing.id);
  expect(closingFill.position_qty === "0" && closingFill.qty === "0.02", `closing fill update ${JSON.stringify(closingFill)}`);
  // Account configurations: the defaults, a change that is stored, and no_shorting refusing a short sale with Alpaca's 403.
  const configs = await alpaca.getAccountConfigurations();
  expect(configs.suspend_trade === false && configs.no_shorting === false && configs.dtbp_check === "entry" && configs.max_margin_multiplier === "4",
    `default configurations ${JSON.stringify(configs)}`);
  const updated = await alpaca.updateAccountConfigurations({ no_shorting: true, trade_confirm_email: "none" });
  expect(updated.no_shorting === true && updated.trade_confirm_email === "none" && updated.dtbp_check === "entry", `updated configurations ${JSON.stringify(updated)}`);
  expect((await alpaca.getAccountConfigurations()).no_shorting === true, "the configuration change was not stored");
  const refusal = await alpaca.createOrder({ symbol, qty: 0.01, side: "sell", type: "market", time_in_force: "gtc" }).then(() => null, (error) => error);
  expect(refusal?.response?.status === 403 && refusal.response.data.code === 40310000, `a short sale under no_shorting: ${refusal?.response?.status} ${JSON.stringify(refusal?.response?.data)}`);
  await alpaca.updateAccountConfigurations({ no_shorting: false });

  // Activities: the session's fills, two per page (page_token = the last id), oldest first; and their fees.
  const fills = [];
  let pageToken;
  do {
    const page = await alpaca.getAccountActivities({ activityTypes: "FILL", direction: "asc", pageSize: 2, pageToken });
    fills.push(...page);
    pageToken = page.length === 2 ? page[page.length - 1].id : undefined;
  } while (pageToken);
  expect(fills.every((a) => a.activity_type === "FILL" && a.symbol === symbol), `fill activities ${JSON.stringify(fills)}`);
  const net = fills.reduce((sum, a) => sum + (a.side === "buy" ? 1 : -1) * Number(a.qty), 0);
  expect(Math.abs(net) < 1e-12 && new Set(fills.map((a) => a.id)).size === fills.length, `fill activities net ${net}`);
  const fees = await alpaca.getAccountActivities({ activityTypes: ["FEE"], direction: "asc" });
  expect(fees.length === fills.length && fees.every((f) => Number(f.net_amount) < 0), `fee activities ${JSON.stringify(fees)}`);

  // Portfolio history: the SDK's call (market hours by default, so possibly no point at the replay's hour), then with
  // Alpaca's crypto flags through the SDK's request: the last point is the account's equity now (flat: its cash).
  const history = await alpaca.getPortfolioHistory({ period: "1D", timeframe: "1Min" });
  expect(history.timeframe === "1Min" && history.timestamp.length === history.equity.length && typeof history.base_value === "number",
    `portfolio history ${JSON.stringify(history).slice(0, 300)}`);
  const continuous = await alpaca.sendRequest("/account/portfolio/history", { period: "1D", timeframe: "1Min", intraday_reporting: "continuous", pnl_reset: "no_reset" });
  const final = await alpaca.getAccount();
  expect(continuous.equity.length > 0 && continuous.equity.at(-1) === Number(final.cash), `last equity ${continuous.equity.at(-1)}, cash ${final.cash}`);
  alpaca.trade_ws.disconnect();
  console.log(JSON.stringify({
    account: account.id,
    starting_cash: account.cash,
    final_cash: final.cash,
    orders: [market.id, limit.id, bracket.id, ...bracket.legs.map((l) => l.id), closing.id],
    events,
    updates: updates.length,
    fills: fills.map((a) => ({ id: a.id, order_id: a.order_id, price: a.price, qty: a.qty, side: a.side })),
    last_equity: continuous.equity.at(-1),
  }));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error?.response ? `${error.message}: ${JSON.stringify(error.response.data)}` : error);
    process.exit(1);
  });
