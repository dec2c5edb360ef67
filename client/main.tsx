import '@fontsource/noto-sans-sc/400.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { WallScreen } from './wall/WallScreen.tsx';
import { PlannerScreen } from './planner/PlannerScreen.tsx';
import { ReviewScreen } from './review/ReviewScreen.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
createRoot(root).render(
  <StrictMode>
    {/^\/wall\/?$/.test(window.location.pathname) ? <WallScreen /> : /^\/planner\/?$/.test(window.location.pathname) ? <PlannerScreen /> : /^\/review\/?$/.test(window.location.pathname) ? <ReviewScreen /> : <App />}
  </StrictMode>,
);
