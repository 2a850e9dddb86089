/**
 * Finding a library's phrases in a text: the rules of the server's
 * ``customer_care/phrase_matching.py``, which checks every message sent.
 *
 * - Words are runs of letters and digits, with inner apostrophes ("can't").
 * - Case never matters; accents do not either for a phrase that ignores them
 *   ("khong the" finds "không thể"; "đ" counts as "d").
 * - A phrase matches whole words; one that does not ask for whole words matches
 *   its last word at the start of a longer one ("problem" in "problems").
 * - Punctuation between the words does not break a phrase, the end of a
 *   sentence or of a line does.
 * - The longest phrase starting first wins; matches do not overlap.
 */

const WORD_RE = /[\p{L}\p{N}\p{M}]+(?:['\u2019][\p{L}\p{N}\p{M}]+)*/gu;
const BREAK_RE = /[!?\n]|(?<!\.)\.(?!\.)/;

export function fold(word) {
    return word.normalize("NFC").toLocaleLowerCase().replace(/\u2019/g, "'");
}

export function stripAccents(word) {
    return word
        .normalize("NFD")
        .replace(/\p{M}/gu, "")
        .replace(/đ/g, "d");
}

export function tokenize(text) {
    const tokens = [];
    const breaks = [];
    let previousEnd = 0;
    for (const found of (text || "").matchAll(WORD_RE)) {
        const start = found.index;
        const folded = fold(found[0]);
        tokens.push({ start, end: start + found[0].length, fold: folded, bare: stripAccents(folded) });
        breaks.push(BREAK_RE.test(text.slice(previousEnd, start)));
        previousEnd = start + found[0].length;
    }
    return { tokens, breaks };
}

export class PhraseLibrary {
    /**
     * @param {Array<{id: number, name: string, whole_word?: boolean, ignore_accents?: boolean}>} phrases
     */
    constructor(phrases) {
        this.byFirst = new Map();
        this.prefixLengths = new Set();
        this.phrases = new Map();
        for (const phrase of phrases) {
            const { tokens } = tokenize(phrase.name);
            if (!tokens.length) {
                continue;
            }
            const accents = phrase.ignore_accents === false;
            const entry = {
                id: phrase.id,
                words: tokens.map((token) => (accents ? token.fold : token.bare)),
                accents,
                prefix: phrase.whole_word === false,
            };
            if (entry.prefix && tokens.length === 1) {
                this.prefixLengths.add(tokens[0].bare.length);
            }
            if (!this.byFirst.has(tokens[0].bare)) {
                this.byFirst.set(tokens[0].bare, []);
            }
            this.byFirst.get(tokens[0].bare).push(entry);
            this.phrases.set(phrase.id, phrase);
        }
        for (const entries of this.byFirst.values()) {
            entries.sort((a, b) => b.words.length - a.words.length);
        }
    }

    candidates(token) {
        const candidates = [...(this.byFirst.get(token.bare) || [])];
        for (const length of this.prefixLengths) {
            if (length < token.bare.length) {
                for (const entry of this.byFirst.get(token.bare.slice(0, length)) || []) {
                    if (entry.prefix && entry.words.length === 1) {
                        candidates.push(entry);
                    }
                }
            }
        }
        return candidates;
    }

    static matches(entry, tokens, breaks, start) {
        const words = entry.words;
        if (start + words.length > tokens.length) {
            return false;
        }
        for (let offset = 0; offset < words.length; offset++) {
            if (offset && breaks[start + offset]) {
                return false;
            }
            const token = tokens[start + offset];
            const text = entry.accents ? token.fold : token.bare;
            const isLast = offset === words.length - 1;
            if (text !== words[offset] && !(isLast && entry.prefix && text.startsWith(words[offset]))) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param {string} text
     * @returns {Array<{phraseId: number, start: number, end: number, text: string}>}
     */
    find(text) {
        const { tokens, breaks } = tokenize(text);
        const found = [];
        let index = 0;
        while (index < tokens.length) {
            const entry = this.candidates(tokens[index]).find((candidate) =>
                PhraseLibrary.matches(candidate, tokens, breaks, index)
            );
            if (entry) {
                const start = tokens[index].start;
                const end = tokens[index + entry.words.length - 1].end;
                found.push({ phraseId: entry.id, start, end, text: text.slice(start, end) });
                index += entry.words.length;
            } else {
                index++;
            }
        }
        return found;
    }
}

/**
 * The text with one match replaced by an alternative. Alternatives are written
 * as they read within a sentence; the first letter becomes a capital where the
 * replaced phrase had one or where a sentence starts, and is never lowered (so
 * that "I" stays "I").
 */
export function replaceMatch(text, match, alternative) {
    const original = text.slice(match.start, match.end);
    const before = text.slice(0, match.start).trimEnd();
    const capital =
        (original[0] && original[0] !== original[0].toLocaleLowerCase()) ||
        !before ||
        /[.!?\n]$/.test(before);
    const replacement =
        capital && alternative ? alternative[0].toLocaleUpperCase() + alternative.slice(1) : alternative;
    return text.slice(0, match.start) + replacement + text.slice(match.end);
}
