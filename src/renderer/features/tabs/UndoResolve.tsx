/** "Resolved · Undo" for 3 s (UX.md §2), bottom-centre of the conversation, never over the composer. */
import { useStores, useTabs } from '../../app/hooks';
import { Button } from '../../ui/Button';

export function UndoResolve() {
  const { tabs } = useStores();
  const resolving = useTabs((s) => s.resolving);
  return (
    <div aria-live="polite">
      {resolving && (
        <div className="undo-toast">
          <span>Resolved{resolving.name ? ` · ${resolving.name}` : ''}</span>
          <Button dense variant="ghost" onClick={() => tabs.getState().undoResolve()}>
            Undo
          </Button>
        </div>
      )}
    </div>
  );
}
