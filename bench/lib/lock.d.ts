export function takeLock(path: string, what: string): () => void;
