import '@fontsource/noto-sans-sc/400.css';
import './localFont.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles.css';
import { StrictMode, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { WallScreen } from './wall/WallScreen.tsx';
import { PlannerScreen } from './planner/PlannerScreen.tsx';
import { ReviewScreen } from './review/ReviewScreen.tsx';
import { IntegrityScreen } from './integrity/IntegrityScreen.tsx';

/** The screen for a path; anything else is the map. */
const SCREENS: [RegExp, () => ReactElement][] = [
  [/^\/wall\/?$/, () => <WallScreen />],
  [/^\/planner\/?$/, () => <PlannerScreen />],
  [/^\/review\/?$/, () => <ReviewScreen />],
  [/^\/integrity\/?$/, () => <IntegrityScreen />],
];
const screen = SCREENS.find(([path]) => path.test(window.location.pathname))?.[1];

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
createRoot(root).render(
  <StrictMode>
    {screen ? screen() : <App />}
  </StrictMode>,
);
