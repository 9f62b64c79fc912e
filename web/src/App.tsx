import { BrowserRouter, Route, Routes } from 'react-router';
import { Shell } from './layout/Shell';
import { SignIn } from './pages/SignIn';
import { NotFound } from './pages/NotFound';
import { OverviewPage } from './pages/overview/OverviewPage';
import { RunsPage } from './pages/runs/RunsPage';
import { RunView } from './pages/runs/RunView';
import { RiskPage } from './pages/risk/RiskPage';
import { StrategiesPage } from './pages/strategies/StrategiesPage';
import { BacktestsPage } from './pages/backtests/BacktestsPage';
import { BacktestPage } from './pages/backtests/BacktestPage';
import { ComparePage } from './pages/backtests/ComparePage';

/** The dashboard's routes: /sign-in outside, every page inside the signed-in Shell (one line per page). */
export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/sign-in" element={<SignIn />} />
        <Route element={<Shell />}>
          <Route index element={<OverviewPage />} />
          <Route path="/runs" element={<RunsPage />} />
          <Route path="/runs/:id" element={<RunView />} />
          <Route path="/risk" element={<RiskPage />} />
          <Route path="/strategies" element={<StrategiesPage />} />
          <Route path="/backtests" element={<BacktestsPage />} />
          <Route path="/backtests/:id" element={<BacktestPage />} />
          <Route path="/backtests/compare" element={<ComparePage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
