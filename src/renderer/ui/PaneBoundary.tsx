/**
 * Each pane has an error boundary (UX.md §5 "Error"): a pane that throws while rendering shows
 * what broke at its own scope, with Retry and Copy details, and the rest of the console keeps
 * working: drafts, tabs and the outbox live in main, so nothing typed is lost. The whole app has
 * one too, whose action reloads the window (drafts come back from main).
 */
import { useState, type ReactNode } from 'react';
import { ErrorBoundary, type FallbackProps } from 'react-error-boundary';
import { Button } from './Button';
import { InlineAlert } from './InlineAlert';

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const details = (pane: string, error: unknown): string =>
  [`Agent Desk: the ${pane} stopped working`, `When: ${new Date().toISOString()}`, error instanceof Error ? (error.stack ?? error.message) : String(error)].join('\n');

function CopyDetails({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      dense
      variant="ghost"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        );
      }}
    >
      {copied ? 'Copied' : 'Copy details'}
    </Button>
  );
}

function PaneFallback({ pane, error, resetErrorBoundary }: FallbackProps & { pane: string }) {
  return (
    <div className="pane-error" data-pane={pane}>
      <InlineAlert
        actions={
          <>
            <Button dense variant="ghost" onClick={resetErrorBoundary}>
              Retry
            </Button>
            <CopyDetails text={details(pane, error)} />
          </>
        }
      >
        The {pane} stopped working: {describe(error)}. Your drafts and messages are safe.
      </InlineAlert>
    </div>
  );
}

/** A pane's boundary; `resetKeys` (e.g. the open chat) clear the error when they change. */
export function PaneBoundary({ pane, resetKeys, children }: { pane: string; resetKeys?: unknown[]; children: ReactNode }) {
  return (
    <ErrorBoundary
      resetKeys={resetKeys}
      onError={(error) => console.error(`[${pane}]`, error)}
      fallbackRender={(props) => <PaneFallback pane={pane} {...props} />}
    >
      {children}
    </ErrorBoundary>
  );
}

function AppFallback({ error }: FallbackProps) {
  return (
    <div className="app app--crashed" role="alert">
      <div className="app-crash">
        <h1>Agent Desk hit an error</h1>
        <p>{describe(error)}</p>
        <p>Your drafts, open chats and unsent messages are kept. Reload to carry on.</p>
        <span className="app-crash__actions">
          <Button variant="primary" onClick={() => window.location.reload()}>
            Reload
          </Button>
          <CopyDetails text={details('console', error)} />
        </span>
      </div>
    </div>
  );
}

/** The last line: the whole window, with Reload. */
export function AppBoundary({ children }: { children: ReactNode }) {
  return (
    <ErrorBoundary onError={(error) => console.error('[app]', error)} FallbackComponent={AppFallback}>
      {children}
    </ErrorBoundary>
  );
}
