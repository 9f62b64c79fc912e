import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useAuth } from '../auth/AuthContext';
import { StreamClient, streamUrl, type StreamStatus, type StreamUpdate } from './StreamClient';

const StreamContext = createContext<StreamClient | null>(null);

/** Opens the dashboard's one `/ws` connection while someone is signed in. */
export function StreamProvider({ children }: { children: ReactNode }) {
  const { session } = useAuth();
  const [stream, setStream] = useState<StreamClient | null>(null);
  useEffect(() => {
    if (!session) return;
    const client = new StreamClient(streamUrl(session.token), (message) => console.warn(`stream: ${message}`));
    setStream(client);
    return () => {
      client.close();
      setStream(null);
    };
  }, [session]);
  return <StreamContext.Provider value={stream}>{children}</StreamContext.Provider>;
}

/**
 * Calls `onUpdate` with every update of `route` (bars, quotes, orders, executions, positions, equity, runs) for
 * `params` while the component is mounted; `params` are compared by value. Pass `null` params to pause.
 */
export function useStream(route: string, params: Record<string, string> | null, onUpdate: (update: StreamUpdate) => void) {
  const stream = useContext(StreamContext);
  const handler = useRef(onUpdate);
  handler.current = onUpdate;
  const key = params ? JSON.stringify(params) : null;
  useEffect(() => {
    if (!stream || key === null) return;
    return stream.subscribe(route, JSON.parse(key) as Record<string, string>, (update) => handler.current(update));
  }, [stream, route, key]);
}

/** The connection's state, for a "live" indicator. */
export function useStreamStatus(): StreamStatus {
  const stream = useContext(StreamContext);
  const [status, setStatus] = useState<StreamStatus>(stream?.status ?? 'closed');
  useEffect(() => {
    if (!stream) return;
    setStatus(stream.status);
    return stream.onStatus(setStatus);
  }, [stream]);
  return status;
}
