/** Signing in to a desk server. Errors show inline, under the form, in one sentence. */
import { useState, type FormEvent } from 'react';
import { useSession } from '../../app/hooks';
import { Button } from '../../ui/Button';
import { InlineAlert } from '../../ui/InlineAlert';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:4780';

export function LoginScreen() {
  const known = useSession((s) => s.session);
  const pending = useSession((s) => s.loginPending);
  const error = useSession((s) => s.loginError ?? s.error);
  const login = useSession((s) => s.login);
  const [serverUrl, setServerUrl] = useState(known?.serverUrl ?? DEFAULT_SERVER_URL);
  const [email, setEmail] = useState(known?.agent?.email ?? '');
  const [password, setPassword] = useState('');
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const problem = checkForm(serverUrl, email, password);
    setFormError(problem);
    if (!problem) void login(serverUrl, email, password);
  };
  const shown = formError ?? error?.message ?? null;

  return (
    <main className="login">
      <form className="login__card" onSubmit={onSubmit} aria-labelledby="login-title" noValidate>
        <div className="login__brand" aria-hidden="true">
          AD
        </div>
        <h1 id="login-title" className="login__title">
          Sign in to Agent Desk
        </h1>
        <p className="login__subtitle">Use your desk server and your agent account.</p>
        <label className="field">
          <span className="field__label">Server URL</span>
          <input className="input" type="url" value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} autoComplete="url" spellCheck={false} required />
        </label>
        <label className="field">
          <span className="field__label">Email</span>
          <input
            className="input"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoComplete="username"
            spellCheck={false}
            required
            autoFocus={!email}
          />
        </label>
        <label className="field">
          <span className="field__label">Password</span>
          <input
            className="input"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            required
            autoFocus={!!email}
          />
        </label>
        {shown && <InlineAlert>{shown}</InlineAlert>}
        <Button type="submit" variant="primary" className="login__submit" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </main>
  );
}

function checkForm(serverUrl: string, email: string, password: string): string | null {
  try {
    const u = new URL(serverUrl.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
  } catch {
    return `Enter the desk server's address, for example ${DEFAULT_SERVER_URL}.`;
  }
  if (!/^\S+@\S+$/.test(email.trim())) return 'Enter the email address of your agent account.';
  if (!password) return 'Enter your password.';
  return null;
}
