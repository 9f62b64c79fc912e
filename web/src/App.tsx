import { BrowserRouter, Route, Routes } from 'react-router';
import { Shell } from './layout/Shell';
import { SignIn } from './pages/SignIn';
import { NotFound } from './pages/NotFound';
import { RunsPage } from './pages/runs/RunsPage';
import { RunView } from './pages/runs/RunView';
import { RiskPage } from './pages/risk/RiskPage';

/** The dashboard's routes: /sign-in outside, every page inside the signed-in Shell (one line per page). */
export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/sign-in" element={<SignIn />} />
        <Route element={<Shell />}>
          <Route path="/runs" element={<RunsPage />} />
          <Route path="/runs/:id" element={<RunView />} />
          <Route path="/risk" element={<RiskPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
