/** The part of wink-bm25-text-search (no types of its own) that src/shared/assist uses. */
declare module 'wink-bm25-text-search' {
  export interface BM25Config {
    fldWeights: Record<string, number>;
    bm25Params?: { k1?: number; b?: number; k?: number };
    ovFldNames?: string[];
  }
  export interface BM25Engine {
    defineConfig(config: BM25Config): boolean;
    definePrepTasks(tasks: ((input: string) => string[] | string)[], field?: string): number;
    addDoc(doc: Record<string, string>, id: string | number): number;
    consolidate(fp?: number): boolean;
    /** [id, score] pairs, best first; ids come back as strings. */
    search(text: string, limit?: number, filter?: (fieldValues: Record<string, unknown>, params: unknown) => boolean, params?: unknown): [string, number][];
    getTotalDocs(): number;
    exportJSON(): string;
    importJSON(json: string): boolean;
    reset(): boolean;
  }
  function bm25(): BM25Engine;
  export default bm25;
}
