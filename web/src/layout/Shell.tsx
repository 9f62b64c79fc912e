import { NavLink, Navigate, Outlet, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { useStreamStatus } from '../stream/StreamContext';

/** The pages of the dashboard, in the navigation's order: [path, label]. */
export const sections: [string, string][] = [
  ['/', 'Overview'],
  ['/strategies', 'Strategies'],
  ['/runs', 'Runs'],
  ['/backtests', 'Backtests'],
  ['/risk', 'Risk'],
];

/** Navigation, the signed-in user and the live-connection light around every page; signed-out users go to /sign-in. */
export function Shell() {
  const { session, signOut } = useAuth();
  const status = useStreamStatus();
  const location = useLocation();
  if (!session) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return (
    <div className="shell">
      <header>
        <span className="brand">Bourse</span>
        <nav>
          {sections.map(([path, label]) => (
            <NavLink key={path} to={path} end={path === '/'}>{label}</NavLink>
          ))}
        </nav>
        <span className={`live live-${status}`} title={`stream ${status}`}>{status === 'open' ? 'live' : status}</span>
        <span className="user">{session.username}</span>
        <button onClick={signOut}>Sign out</button>
      </header>
      <main>
        <Outlet />
      </main>
    </div>
  );
}
