/** The macros' part of the conversation pane: the inputs dialog (when one asks) and the bar. */
import { useMacros, useStores } from '../../app/hooks';
import { MacroBar } from './MacroBar';
import { MacroInputsDialog } from './MacroInputsDialog';
import './macros.css';

export function MacroLayer({ ticketId }: { ticketId: string }) {
  const { macros } = useStores();
  const ask = useMacros((s) => s.asking);
  return (
    <>
      {ask && ask.ticketId === ticketId && (
        <MacroInputsDialog
          key={`${ask.ticketId}:${ask.macroId}`}
          title={ask.title}
          inputs={ask.macro.inputs}
          steps={ask.macro.steps}
          initial={ask.values}
          fill={ask.fill}
          onConfirm={(values) => macros.getState().confirmInputs(values)}
          onCancel={() => macros.getState().cancelInputs()}
        />
      )}
      <MacroBar ticketId={ticketId} />
    </>
  );
}
