import { Component, markup, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";
import { replaceMatch } from "./phrase_matcher";

const BLOCKS = new Set(["P", "DIV", "LI", "H1", "H2", "H3", "H4", "H5", "H6", "TR", "BLOCKQUOTE"]);

/**
 * The text of an HTML body, its blocks and line breaks as line breaks, and where
 * each text node sits in it.
 */
export function htmlText(html) {
    const doc = new DOMParser().parseFromString(`<body>${html || ""}</body>`, "text/html");
    const segments = [];
    let text = "";
    const walk = (node) => {
        for (const child of node.childNodes) {
            if (child.nodeType === Node.TEXT_NODE) {
                segments.push({ node: child, start: text.length });
                text += child.nodeValue;
            } else if (child.nodeName === "BR") {
                text += "\n";
            } else if (child.nodeType === Node.ELEMENT_NODE) {
                walk(child);
                if (BLOCKS.has(child.nodeName)) {
                    text += "\n";
                }
            }
        }
    };
    walk(doc.body);
    return { doc, text, segments };
}

/**
 * Under the body of the full composer: the advice for the customer's style and
 * the damaging phrases of the body, one click to replace each (when it lies in
 * one run of text). The body is checked as the editor commits it (on leaving it).
 */
export class FullComposerPhraseCheck extends Component {
    static template = "customer_care.FullComposerPhraseCheck";
    static props = { ...standardWidgetProps };

    setup() {
        this.phraseCheck = useService("care_phrase_check");
        this.state = useState({ data: null, library: null });
        onWillStart(() => this.load());
    }

    get resId() {
        const data = this.props.record.data;
        let ids = [];
        try {
            ids = JSON.parse(data.res_ids || "[]");
        } catch {
            return null;
        }
        return ids.length === 1 && Number.isInteger(ids[0]) ? ids[0] : null;
    }

    async load() {
        const model = this.props.record.data.model;
        if (!model || !this.resId) {
            return;
        }
        Object.assign(this.state, await this.phraseCheck.load(model, this.resId));
    }

    get parsed() {
        return htmlText(this.props.record.data.body);
    }

    get matches() {
        if (!this.state.data?.check || !this.state.library) {
            return [];
        }
        const { text, segments } = this.parsed;
        return this.state.library.find(text).map((match) => {
            const segment = segments.findLast((s) => s.start <= match.start);
            const inside =
                segment && match.end <= segment.start + segment.node.nodeValue.length;
            return { ...match, replaceable: Boolean(inside) };
        });
    }

    phrase(match) {
        return this.state.library.phrases.get(match.phraseId);
    }

    async replace(match, alternative) {
        const record = this.props.record;
        // The editor commits what is being typed first.
        const proms = [];
        record.model.bus.trigger("NEED_LOCAL_CHANGES", { proms });
        await Promise.all(proms);
        const { doc, text, segments } = htmlText(record.data.body);
        const current = this.state.library
            .find(text)
            .find((m) => m.phraseId === match.phraseId && m.start === match.start);
        const segment = current && segments.findLast((s) => s.start <= current.start);
        if (!segment) {
            return;
        }
        const local = { ...current, start: current.start - segment.start, end: current.end - segment.start };
        segment.node.nodeValue = replaceMatch(segment.node.nodeValue, local, alternative);
        let taken = [];
        try {
            taken = JSON.parse(record.data.care_taken_phrase_ids || "[]");
        } catch {
            taken = [];
        }
        await record.update({
            body: markup(doc.body.innerHTML),
            care_taken_phrase_ids: JSON.stringify([...new Set([...taken, match.phraseId])]),
        });
    }
}

registry.category("view_widgets").add("care_phrase_check", {
    component: FullComposerPhraseCheck,
    fieldDependencies: [
        { name: "body", type: "html" },
        { name: "model", type: "char" },
        { name: "res_ids", type: "text" },
        { name: "care_taken_phrase_ids", type: "char" },
    ],
});
