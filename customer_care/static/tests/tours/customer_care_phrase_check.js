import { registry } from "@web/core/registry";

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
            run: "edit I can't do that, it's our policy",
        },
        {
            content: "Both are highlighted with their alternatives",
            trigger: `.o-care-PhraseHints:has(${found("I can't")}):has(${found("our policy")})`,
        },
        {
            content: "Take the first alternative to “I can't”",
            trigger: `.o-care-PhraseHints-match:has(${found("I can't")}) .o-care-PhraseHints-alternative:first`,
            run: "click",
        },
        {
            content: "The phrase is replaced; the other one stays highlighted",
            trigger: `.o-care-PhraseHints:not(:has(${found("I can't")})):has(${found("our policy")})`,
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
            trigger: `.o-mail-Message-body:contains("What I can do is do that, it's our policy")`,
        },
    ],
});
