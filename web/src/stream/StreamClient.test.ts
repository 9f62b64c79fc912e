// jsdom (the default environment) provides the browser WebSocket this client uses.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { StreamClient, type StreamUpdate } from './StreamClient';

/** A real WebSocket server speaking the /ws protocol's replies, so the client is tested over a socket. */
describe('StreamClient', () => {
  let server: WebSocketServer;
  let url: string;
  const received: object[] = [];
  let socket: ServerSocket | undefined;

  beforeEach(async () => {
    received.length = 0;
    server = new WebSocketServer({ port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    url = `ws://127.0.0.1:${(server.address() as { port: number }).port}/ws?access_token=key`;
    server.on('connection', (s) => {
      socket = s;
      s.on('message', (data) => {
        const message = JSON.parse(String(data)) as { action: string; params: Record<string, string> };
        received.push(message);
        const topic = `bars?symbol=${message.params.symbol.toUpperCase()}&timeframe=1m`;
        s.send(JSON.stringify({ type: message.action, status: 'ok', message: 'ok', topic }));
      });
    });
  });

  afterEach(() => server.close());

  const until = async (condition: () => boolean) => {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(condition()).toBe(true);
  };

  it('subscribes once per topic, routes updates by the topic the server named, and unsubscribes with the last handler', async () => {
    const client = new StreamClient(url);
    await until(() => client.status === 'open');
    const first: StreamUpdate[] = [];
    const second: StreamUpdate[] = [];
    const stopFirst = client.subscribe('bars', { symbol: 'spy.nasdaq' }, (u) => first.push(u));
    const stopSecond = client.subscribe('bars', { symbol: 'spy.nasdaq' }, (u) => second.push(u));
    await until(() => received.length === 1);

    await new Promise((resolve) => setTimeout(resolve, 20));
    const update = { type: 'bars.update', topic: 'bars?symbol=SPY.NASDAQ&timeframe=1m', event: 'bar', payload: { close: 1 }, ts: 'now' };
    socket!.send(JSON.stringify(update));
    socket!.send(JSON.stringify({ ...update, topic: 'bars?symbol=OTHER&timeframe=1m' }));
    await until(() => first.length === 1 && second.length === 1);

    stopFirst();
    stopSecond();
    await until(() => received.length === 2);
    expect(received[1]).toEqual({ action: 'bars.unsubscribe', params: { symbol: 'spy.nasdaq' } });
    client.close();
  });

  it('takes its subscriptions again after the connection drops', async () => {
    const client = new StreamClient(url);
    client.subscribe('bars', { symbol: 'btcusd.coinbase' }, () => {});
    await until(() => received.length === 1);
    socket!.terminate();
    await until(() => received.length === 2);
    expect(received[1]).toEqual({ action: 'bars.subscribe', params: { symbol: 'btcusd.coinbase' } });
    client.close();
  });
});
