import { registry } from "@web/core/registry";
import { PhraseLibrary } from "./phrase_matcher";

/**
 * The phrase library, loaded once per session, and for each document what its
 * composer needs (whether it is checked, the languages, the confirmation, the
 * advice for the customer's style).
 */
export const phraseCheckService = {
    dependencies: ["orm"],
    start(env, { orm }) {
        let phrasesPromise = null;
        const libraries = new Map();
        const threads = new Map();
        return {
            getPhrases() {
                phrasesPromise ??= orm.call("care.phrase", "get_library", []);
                return phrasesPromise;
            },
            async getLibrary(langs) {
                const key = [...langs].sort().join(",");
                if (!libraries.has(key)) {
                    const phrases = await this.getPhrases();
                    libraries.set(
                        key,
                        new PhraseLibrary(phrases.filter((phrase) => langs.includes(phrase.lang)))
                    );
                }
                return libraries.get(key);
            },
            getThreadData(model, id) {
                const key = `${model},${id}`;
                if (!threads.has(key)) {
                    threads.set(key, orm.call("care.phrase", "get_composer_data", [model, id]));
                }
                return threads.get(key);
            },
            /**
             * What a document's composer needs, and the library of its
             * languages when its messages are checked.
             */
            async load(model, id) {
                const data = await this.getThreadData(model, id);
                const library = data.check ? await this.getLibrary(data.langs) : null;
                return { data, library };
            },
            /** Forget what was loaded (the library or a customer's style changed). */
            reset() {
                phrasesPromise = null;
                libraries.clear();
                threads.clear();
            },
        };
    },
};

registry.category("services").add("care_phrase_check", phraseCheckService);
