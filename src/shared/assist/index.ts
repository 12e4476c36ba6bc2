/**
 * Assist that never leaves the desk: language, category, mood, reply suggestions and handover
 * summaries from models that ship in npm packages and learn from the desk's own resolved cases.
 * Pure: no IO, no database; runs in the desk server and in the desktop's main process.
 */
export { detectLanguage, DETECTED_LANGUAGES } from './language';
export { customerSide, normalise, tokens } from './text';
export { keywordCategory } from './keywords';
export { MIN_EXAMPLES_PER_CATEGORY, trainCategoryModel, suggestCategory, categoryPosterior, type CategoryModel, type TrainingExample } from './classifier';
export { moodOf, MOOD_THRESHOLDS, type Mood } from './sentiment';
export {
  buildSuggestionIndex,
  suggestReplies,
  categoryOnlyReplies,
  similarCases,
  type CannedCandidate,
  type ResolvedCase,
  type SuggestionIndex,
  type Conversation,
  type ReplySuggestion,
  SIGNAL_WEIGHTS,
  type SignalWeights,
} from './suggest';
export { handoverSummary, type SummaryInput, type HandoverSummary } from './summary';
