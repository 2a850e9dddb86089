import { describe, expect, test } from "@odoo/hoot";

import {
    fold,
    PhraseLibrary,
    replaceMatch,
    stripAccents,
    tokenize,
} from "@customer_care/phrase_check/phrase_matcher";

/**
 * @param {Array<string | Object>} phrases names, or phrases with their options
 */
function makeLibrary(phrases) {
    return new PhraseLibrary(
        phrases.map((phrase, index) =>
            typeof phrase === "string" ? { id: index + 1, name: phrase } : { id: index + 1, ...phrase }
        )
    );
}

/** The matched texts of a text, in order. */
function foundTexts(library, text) {
    return library.find(text).map((match) => match.text);
}

describe.current.tags("headless");

describe("tokenize", () => {
    test("words, inner apostrophes and folding", () => {
        const { tokens } = tokenize("I CAN\u2019T, don't-stop 42x");
        expect(tokens.map((token) => token.fold)).toEqual(["i", "can't", "don't", "stop", "42x"]);
        expect(tokens.map((token) => [token.start, token.end])).toEqual([
            [0, 1],
            [2, 7],
            [9, 14],
            [15, 19],
            [20, 23],
        ]);
    });

    test("sentence and line ends break, other punctuation and ellipsis do not", () => {
        expect(tokenize("a, b; c: d - e").breaks).toEqual([false, false, false, false, false]);
        expect(tokenize("a. b! c? d\ne").breaks).toEqual([false, true, true, true, true]);
        expect(tokenize("a... b\u2026 c").breaks).toEqual([false, false, false]);
    });

    test("fold and stripAccents", () => {
        expect(fold("KHÔNG Thể")).toBe("không thể");
        expect(fold("Can\u2019t")).toBe("can't");
        expect(stripAccents("không thể được")).toBe("khong the duoc");
        expect(stripAccents("đi đâu")).toBe("di dau");
        // NFD text (decomposed accents) folds like NFC text
        expect(fold("Thê\u0309")).toBe("thể");
    });
});

describe("PhraseLibrary.find", () => {
    test("case does not matter", () => {
        const library = makeLibrary(["it's our policy"]);
        expect(library.find("Sorry, IT'S OUR POLICY.")).toEqual([
            { phraseId: 1, start: 7, end: 22, text: "IT'S OUR POLICY" },
        ]);
        expect(foundTexts(library, "It\u2019s Our Policy")).toEqual(["It\u2019s Our Policy"]);
        expect(foundTexts(library, "it is our policy")).toEqual([]);
    });

    test("accents are ignored by default (Vietnamese)", () => {
        const withAccents = makeLibrary(["không thể"]);
        expect(foundTexts(withAccents, "Xin lỗi, tôi không thể làm")).toEqual(["không thể"]);
        expect(foundTexts(withAccents, "xin loi, toi khong the lam")).toEqual(["khong the"]);
        expect(foundTexts(withAccents, "KHÔNG THỂ")).toEqual(["KHÔNG THỂ"]);

        const withoutAccents = makeLibrary(["khong the"]);
        expect(foundTexts(withoutAccents, "tôi không thể")).toEqual(["không thể"]);

        // "đ" is a letter of its own, yet counts as "d" once accents are ignored
        const dLibrary = makeLibrary(["đâu có được"]);
        expect(foundTexts(dLibrary, "Dau co duoc!")).toEqual(["Dau co duoc"]);
        expect(foundTexts(dLibrary, "Đâu có được")).toEqual(["Đâu có được"]);
        expect(foundTexts(makeLibrary(["dau co duoc"]), "đâu có được")).toEqual(["đâu có được"]);
        // other words stay different
        expect(foundTexts(withAccents, "không thấy")).toEqual([]);
    });

    test("accents count for a phrase that does not ignore them", () => {
        const library = makeLibrary([{ name: "không thể", ignore_accents: false }]);
        expect(foundTexts(library, "tôi KHÔNG THỂ")).toEqual(["KHÔNG THỂ"]);
        expect(foundTexts(library, "toi khong the")).toEqual([]);
        expect(foundTexts(library, "tôi không the")).toEqual([]);
        const dLibrary = makeLibrary([{ name: "đi", ignore_accents: false }]);
        expect(foundTexts(dLibrary, "di")).toEqual([]);
        expect(foundTexts(dLibrary, "Đi")).toEqual(["Đi"]);
    });

    test("whole words only by default", () => {
        const library = makeLibrary(["but", "problem"]);
        expect(foundTexts(library, "Press the button")).toEqual([]);
        expect(foundTexts(library, "a rebuttal")).toEqual([]);
        expect(foundTexts(library, "No problems")).toEqual([]);
        expect(foundTexts(library, "Fine, but no problem")).toEqual(["but", "problem"]);
        // an apostrophe inside a word keeps it one word
        expect(foundTexts(makeLibrary(["can"]), "I can't")).toEqual([]);
    });

    test("a phrase not asking for whole words matches the start of its last word", () => {
        const library = makeLibrary([{ name: "problem", whole_word: false }]);
        expect(foundTexts(library, "No problems at all")).toEqual(["problems"]);
        expect(foundTexts(library, "PROBLEMATIC")).toEqual(["PROBLEMATIC"]);
        expect(foundTexts(library, "a problem")).toEqual(["problem"]);
        // the start of the word, not its end
        expect(foundTexts(library, "noproblem")).toEqual([]);

        const phrase = makeLibrary([{ name: "calm down", whole_word: false }]);
        expect(foundTexts(phrase, "Calm downstairs")).toEqual(["Calm downstairs"]);
        // only the last word is a prefix
        expect(foundTexts(phrase, "calmer down")).toEqual([]);

        // a prefix found within another phrase's first word
        const mixed = makeLibrary(["refund", { name: "ref", whole_word: false }]);
        expect(mixed.find("no refunds")).toEqual([
            { phraseId: 2, start: 3, end: 10, text: "refunds" },
        ]);
        expect(mixed.find("no refund")).toEqual([{ phraseId: 1, start: 3, end: 9, text: "refund" }]);
    });

    test("punctuation between words does not break a phrase, a sentence end does", () => {
        const library = makeLibrary(["our policy", "no problem"]);
        expect(foundTexts(library, "It is our, policy")).toEqual(["our, policy"]);
        expect(foundTexts(library, "our - policy")).toEqual(["our - policy"]);
        expect(foundTexts(library, "(our) policy")).toEqual(["our) policy"]);
        expect(foundTexts(library, "I said no. Problem solved")).toEqual([]);
        expect(foundTexts(library, "no! problem")).toEqual([]);
        expect(foundTexts(library, "no? problem")).toEqual([]);
        expect(foundTexts(library, "no\nproblem")).toEqual([]);
        expect(foundTexts(library, "no problem")).toEqual(["no problem"]);
    });

    test("an ellipsis is not the end of a sentence", () => {
        const library = makeLibrary(["no problem"]);
        expect(foundTexts(library, "well no... problem")).toEqual(["no... problem"]);
        expect(foundTexts(library, "no.. problem")).toEqual(["no.. problem"]);
        expect(foundTexts(library, "no\u2026 problem")).toEqual(["no\u2026 problem"]);
        expect(foundTexts(library, "no. problem")).toEqual([]);
    });

    test("the longest phrase wins and matches do not overlap", () => {
        const library = makeLibrary(["I can't", "I can't do that", "do that", "that"]);
        expect(library.find("Sorry, I can't do that.")).toEqual([
            { phraseId: 2, start: 7, end: 22, text: "I can't do that" },
        ]);
        expect(foundTexts(library, "I can't. Do that")).toEqual(["I can't", "Do that"]);
        expect(foundTexts(library, "I can't go, do that")).toEqual(["I can't", "do that"]);

        // whatever the order of the library
        const reversed = makeLibrary(["that", "do that", "I can't do that", "I can't"]);
        expect(reversed.find("I can't do that")).toEqual([
            { phraseId: 3, start: 0, end: 15, text: "I can't do that" },
        ]);

        // the phrase starting first wins over a longer one starting later
        const overlapping = makeLibrary(["calm down", "down to the store"]);
        expect(foundTexts(overlapping, "calm down to the store")).toEqual(["calm down"]);
    });

    test("a phrase longer than what is left of the text does not match", () => {
        const library = makeLibrary(["it's our policy"]);
        expect(foundTexts(library, "it's our")).toEqual([]);
        expect(foundTexts(library, "")).toEqual([]);
        expect(library.find(undefined)).toEqual([]);
    });

    test("phrases without a word are left out", () => {
        const library = makeLibrary(["...", "ok"]);
        expect([...library.phrases.keys()]).toEqual([2]);
        expect(library.find("... ok")).toEqual([{ phraseId: 2, start: 4, end: 6, text: "ok" }]);
    });
});

describe("replaceMatch", () => {
    test("keeps a capital first letter", () => {
        const text = "It's our policy, sorry.";
        const [match] = makeLibrary(["it's our policy"]).find(text);
        expect(replaceMatch(text, match, "let me explain why")).toBe("Let me explain why, sorry.");
    });

    test("keeps the alternative as written within a sentence", () => {
        const text = "I can't do that, it's our policy";
        const [match] = makeLibrary(["it's our policy"]).find(text);
        expect(replaceMatch(text, match, "let me explain why")).toBe(
            "I can't do that, let me explain why"
        );
        const job = "Sorry, that's not my job.";
        const [found] = makeLibrary(["that's not my job"]).find(job);
        expect(replaceMatch(job, found, "I'll find the right person")).toBe(
            "Sorry, I'll find the right person."
        );
    });

    test("a capital where a sentence starts", () => {
        const library = makeLibrary(["it's our policy"]);
        let text = "Sorry. it's our policy";
        expect(replaceMatch(text, library.find(text)[0], "let me explain why")).toBe(
            "Sorry. Let me explain why"
        );
        text = "Sorry!\n  it's our policy";
        expect(replaceMatch(text, library.find(text)[0], "let me explain why")).toBe(
            "Sorry!\n  Let me explain why"
        );
        text = "it's our policy";
        expect(replaceMatch(text, library.find(text)[0], "let me explain why")).toBe(
            "Let me explain why"
        );
    });

    test("replaces only the match", () => {
        const text = "no problem, no problem";
        const matches = makeLibrary(["no problem"]).find(text);
        expect(matches.map((match) => match.start)).toEqual([0, 12]);
        expect(replaceMatch(text, matches[1], "happy to help")).toBe("no problem, happy to help");
        expect(replaceMatch(text, matches[0], "happy to help")).toBe("Happy to help, no problem");
    });
});
