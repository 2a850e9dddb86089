import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { PhraseLibrary, replaceMatch } from "@customer_care/phrase_check/phrase_matcher";

const found = (text) => `.o-care-PhraseHints-found:contains("${text}")`;

// A staff member answers a complaint: the composer highlights the damaging
// phrases with their alternatives, one is replaced in a click, and the reply is
// sent after confirming the phrase left in it.
registry.category("web_tour.tours").add("customer_care_phrase_check", {
    steps: () => [
        {
            content: "The advice for the customer's style shows on the complaint",
            trigger: ".o_form_view div[name=care_style_advice] .o_field_widget:not(:empty)",
        },
        {
            content: "Open the reply box",
            trigger: "button.o-mail-Chatter-sendMessage",
            run: "click",
        },
        {
            content: "The advice shows next to the reply box",
            trigger: ".o-mail-Composer .o-care-PhraseHints-advice",
        },
        {
            content: "Write a reply with two damaging phrases",
            trigger: ".o-mail-Composer-input",
            run: "edit I don't know when it ships, it's our policy",
        },
        {
            content: "Both are highlighted with their alternatives",
            trigger: `.o-care-PhraseHints:has(${found("I don't know")}):has(${found("our policy")})`,
        },
        {
            content: "“our policy” cannot be swapped word for word: advice to rewrite the sentence, no button",
            trigger: `.o-care-PhraseHints-match:has(${found("our policy")}):has(.o-care-PhraseHints-rewrite):not(:has(button))`,
        },
        {
            content: "Take the first alternative to “I don't know”",
            trigger: `.o-care-PhraseHints-match:has(${found("I don't know")}) button.o-care-PhraseHints-alternative:first`,
            run: "click",
        },
        {
            content: "The phrase is replaced; the other one stays highlighted",
            trigger: `.o-care-PhraseHints:not(:has(${found("I don't know")})):has(${found("our policy")})`,
        },
        {
            trigger: ".o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "A reply to a complaint with a damaging phrase asks for confirmation",
            trigger: ".modal:has(.modal-title) .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The reply is sent",
            trigger: `.o-mail-Message-body:contains("Let me find out when it ships, it's our policy")`,
        },
    ],
});

// Every one-click alternative of the shipped library, replayed by the
// composer's own matcher and replacement on its phrase's example, must give the
// example's rewritten form; a phrase must be found in its own example.
registry.category("web_tour.tours").add("customer_care_phrase_replay", {
    steps: () => [
        {
            content: "Replay every one-click replacement on its example",
            trigger: "body",
            run: async () => {
                const phrases = await rpc("/web/dataset/call_kw/care.phrase/get_library", {
                    model: "care.phrase",
                    method: "get_library",
                    args: [],
                    kwargs: {},
                });
                const wrong = [];
                let replayed = 0;
                for (const phrase of phrases) {
                    const library = new PhraseLibrary(phrases.filter((p) => p.lang === phrase.lang));
                    const match = library.find(phrase.example || "").find((m) => m.phraseId === phrase.id);
                    if (!match) {
                        wrong.push(`${phrase.name}: not found in its example “${phrase.example}”`);
                        continue;
                    }
                    if (phrase.alternatives.length !== phrase.example_rewritten.length) {
                        wrong.push(`${phrase.name}: one rewritten example per alternative`);
                        continue;
                    }
                    phrase.alternatives.forEach((alternative, index) => {
                        const result = replaceMatch(phrase.example, match, alternative);
                        if (result !== phrase.example_rewritten[index]) {
                            wrong.push(`${phrase.name}: “${result}” ≠ “${phrase.example_rewritten[index]}”`);
                        }
                        replayed++;
                    });
                }
                if (wrong.length || !replayed) {
                    throw new Error(`Replacements that do not read right: ${wrong.join("; ")}`);
                }
                document.body.dataset.careReplayed = String(replayed);
            },
        },
        {
            content: "Replayed",
            trigger: "body[data-care-replayed]",
        },
    ],
});
