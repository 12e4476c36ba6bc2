/** Login or console, by session phase. No app-wide spinner: a blank frame while the session loads. */
import { Console } from '../features/shell/Console';
import { LoginScreen } from '../features/session/LoginScreen';
import { useSession } from './hooks';

export function App() {
  const phase = useSession((s) => s.phase);
  switch (phase) {
    case 'loading':
      return <div className="app app--loading" aria-busy="true" />;
    case 'signedOut':
      return <LoginScreen />;
    case 'signedIn':
      return <Console />;
  }
}
