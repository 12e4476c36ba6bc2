/**
 * The sound of a chat offered by routing (UX.md §5: a sound even when the window is focused),
 * made with WebAudio so no asset ships: two short soft tones. Only when the agent is Available
 * and sound is on in Settings; never for typing or system messages.
 */
import type { Presence } from '../../../shared/domain';

/** Whether an offer may make a sound now. */
export const offerSoundWanted = (soundOn: boolean, presence: Presence | null | undefined): boolean => soundOn && presence === 'available';

let context: AudioContext | null = null;

export function playOfferSound(): void {
  const Ctor = typeof window === 'undefined' ? undefined : (window.AudioContext ?? (window as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext);
  if (!Ctor) return;
  try {
    context ??= new Ctor();
    const ctx = context;
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    const start = ctx.currentTime + 0.01;
    [660, 880].forEach((frequency, i) => {
      const at = start + i * 0.14;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.18, at + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.12);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 0.13);
    });
  } catch {
    // No audio device or a refused context: the offer row still shows.
  }
}
