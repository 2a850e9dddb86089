import { Component, onWillStart, toRaw, useState } from "@odoo/owl";
import { useService } from "@web/core/utils/hooks";
import { replaceMatch } from "./phrase_matcher";

/** The phrase ids whose suggestion the writer took, per composer. */
const takenByComposer = new WeakMap();

export function takenPhraseIds(composer) {
    return [...(takenByComposer.get(toRaw(composer)) || [])];
}

export function forgetTaken(composer) {
    takenByComposer.delete(toRaw(composer));
}

/**
 * Under the composer of a document's customer-facing messages: the advice for
 * the customer's style, and each damaging phrase of the text being written with
 * its building alternatives, one click to replace it.
 */
export class PhraseHints extends Component {
    static template = "customer_care.PhraseHints";
    static props = ["composer", "type?", "checker"];

    setup() {
        this.phraseCheck = useService("care_phrase_check");
        this.state = useState({ data: null, library: null });
        onWillStart(() => this.load());
    }

    async load() {
        const thread = this.props.composer.thread;
        if (!thread || !thread.id || typeof thread.id !== "number") {
            return;
        }
        const { data, library } = await this.phraseCheck.load(thread.model, thread.id);
        Object.assign(this.state, { data, library });
        Object.assign(this.props.checker, { data, library });
    }

    get active() {
        return this.props.type !== "note" && this.state.data?.check;
    }

    get matches() {
        if (!this.active || !this.state.library) {
            return [];
        }
        return this.state.library.find(this.props.composer.text);
    }

    phrase(match) {
        return this.state.library.phrases.get(match.phraseId);
    }

    replace(match, alternative) {
        const composer = this.props.composer;
        composer.text = replaceMatch(composer.text, match, alternative);
        const raw = toRaw(composer);
        if (!takenByComposer.has(raw)) {
            takenByComposer.set(raw, new Set());
        }
        takenByComposer.get(raw).add(match.phraseId);
    }
}
