import {
    assertSteps,
    click,
    contains,
    defineMailModels,
    insertText,
    onRpcBefore,
    openFormView,
    start,
    startServer,
    step,
} from "@mail/../tests/mail_test_helpers";
import { beforeEach, describe, expect, test } from "@odoo/hoot";
import { onRpc, patchWithCleanup } from "@web/../tests/web_test_helpers";

import { Composer } from "@mail/core/common/composer";

describe.current.tags("desktop");
defineMailModels();

const PHRASES = [
    {
        id: 11,
        name: "I can't do that",
        alternatives: ["Here is what I can do"],
        category: "refusal",
        category_label: "Refusal",
        note: "Say what you can do instead.",
        lang: "en",
        whole_word: true,
        ignore_accents: true,
    },
    {
        id: 12,
        name: "it's our policy",
        alternatives: ["let me explain why", "here is the reason"],
        category: "policy",
        category_label: "Hiding behind rules",
        note: "Explain the reason.",
        lang: "en",
        whole_word: true,
        ignore_accents: true,
    },
    {
        // another language: never looked for in an English customer's messages
        id: 13,
        name: "do",
        alternatives: ["làm"],
        category: "refusal",
        category_label: "Refusal",
        note: "",
        lang: "vi",
        whole_word: true,
        ignore_accents: true,
    },
];

const TEXT = "I can't do that, it's our policy";

/**
 * Mocks the two RPCs of the phrase check, the composer data of the document
 * being as given; with `steps`, each call is a step.
 */
function mockPhraseCheck(composerData = {}, { steps = false } = {}) {
    onRpc("care.phrase", "get_library", () => {
        if (steps) {
            step("get_library");
        }
        return PHRASES;
    });
    onRpc("care.phrase", "get_composer_data", ({ args }) => {
        if (steps) {
            step(`get_composer_data ${args.join(",")}`);
        }
        return {
            check: true,
            langs: ["en"],
            confirm: false,
            advice: [
                {
                    style: "analytical",
                    label: "Analytical",
                    advice: "Give facts and figures.",
                },
            ],
            ...composerData,
        };
    });
}

beforeEach(() => {
    // Simulate real user interactions
    patchWithCleanup(Composer.prototype, {
        isEventTrusted() {
            return true;
        },
    });
});

test("damaging phrases are shown and replaced; the taken ones are posted", async () => {
    const pyEnv = await startServer();
    const partnerId = pyEnv["res.partner"].create({ name: "John Doe" });
    mockPhraseCheck({}, { steps: true });
    onRpcBefore("/mail/message/post", (args) => {
        step("/mail/message/post");
        expect(args.thread_model).toBe("res.partner");
        expect(args.thread_id).toBe(partnerId);
        expect(args.post_data.body).toInclude("Here is what I can do, it");
        expect(args.context.care_phrase_taken_ids).toEqual([11]);
    });
    await start();
    await openFormView("res.partner", partnerId);
    await click("button", { text: "Send message" });
    await contains(".o-care-PhraseHints-advice", { text: "Analytical: Give facts and figures." });
    await assertSteps([`get_composer_data res.partner,${partnerId}`, "get_library"]);
    await contains(".o-care-PhraseHints-found", { count: 0 });
    await insertText(".o-mail-Composer-input", TEXT);
    await contains(".o-care-PhraseHints-found", { count: 2 });
    await contains(".o-care-PhraseHints-match:eq(0) .o-care-PhraseHints-found", {
        text: "I can't do that",
    });
    await contains(".o-care-PhraseHints-match:eq(0) .o-care-PhraseHints-alternative", {
        count: 1,
    });
    await contains(".o-care-PhraseHints-match:eq(1) .o-care-PhraseHints-found", {
        text: "it's our policy",
    });
    await contains(".o-care-PhraseHints-match:eq(1) .o-care-PhraseHints-alternative", {
        count: 2,
    });

    await click(".o-care-PhraseHints-match:eq(0) .o-care-PhraseHints-alternative", {
        text: "Here is what I can do",
    });
    await contains(".o-mail-Composer-input", {
        value: "Here is what I can do, it's our policy",
    });
    // "do" is a phrase of another language: not looked for
    await contains(".o-care-PhraseHints-found", { count: 1 });
    await contains(".o-care-PhraseHints-found", { text: "it's our policy" });
    await click(".o-mail-Composer-send:enabled");
    await contains(".o-mail-Message", { text: "Here is what I can do, it's our policy" });
    await assertSteps(["/mail/message/post"]);
});

test("a replacement within a sentence reads as written; taken ids are forgotten once sent", async () => {
    const pyEnv = await startServer();
    const partnerId = pyEnv["res.partner"].create({ name: "John Doe" });
    mockPhraseCheck();
    onRpcBefore("/mail/message/post", (args) => {
        step(`/mail/message/post ${JSON.stringify(args.context.care_phrase_taken_ids)}`);
    });
    await start();
    await openFormView("res.partner", partnerId);
    await click("button", { text: "Send message" });
    await insertText(".o-mail-Composer-input", TEXT);
    await click(".o-care-PhraseHints-alternative", { text: "let me explain why" });
    await contains(".o-mail-Composer-input", { value: "I can't do that, let me explain why" });
    await click(".o-mail-Composer-send:enabled");
    await contains(".o-mail-Message", { text: "I can't do that, let me explain why" });
    await assertSteps(["/mail/message/post [12]"]);

    // a message without a taken suggestion sends no taken ids
    await click("button", { text: "Send message" });
    await insertText(".o-mail-Composer-input", "Hello there");
    await click(".o-mail-Composer-send:enabled");
    await contains(".o-mail-Message", { text: "Hello there" });
    await assertSteps(["/mail/message/post undefined"]);
});

test("no hints on a document that is not checked", async () => {
    const pyEnv = await startServer();
    const partnerId = pyEnv["res.partner"].create({ name: "John Doe" });
    mockPhraseCheck({ check: false }, { steps: true });
    await start();
    await openFormView("res.partner", partnerId);
    await click("button", { text: "Send message" });
    await assertSteps([`get_composer_data res.partner,${partnerId}`]);
    await insertText(".o-mail-Composer-input", TEXT);
    await contains(".o-mail-Composer-input", { value: TEXT });
    await contains(".o-care-PhraseHints", { count: 0 });
});

test("on a complaint, sending damaging phrases asks to confirm", async () => {
    const pyEnv = await startServer();
    const partnerId = pyEnv["res.partner"].create({ name: "John Doe" });
    mockPhraseCheck({ confirm: true });
    onRpcBefore("/mail/message/post", (args) => {
        step(`/mail/message/post ${JSON.stringify(args.context.care_phrase_taken_ids)}`);
    });
    await start();
    await openFormView("res.partner", partnerId);
    await click("button", { text: "Send message" });
    await insertText(".o-mail-Composer-input", TEXT);
    await contains(".o-care-PhraseHints-found", { count: 2 });
    await click(".o-mail-Composer-send:enabled");
    await contains(".modal-title", { text: "Damaging phrases" });
    await contains(".modal-footer button", { text: "Edit" });
    await click(".modal-footer button", { text: "Send Anyway" });
    await contains(".modal", { count: 0 });
    await contains(".o-mail-Message", { text: TEXT });
    await assertSteps(["/mail/message/post undefined"]);

    // "Edit" keeps the text in the composer, unsent
    await click("button", { text: "Send message" });
    await insertText(".o-mail-Composer-input", "No problem, it's our policy");
    await click(".o-mail-Composer-send:enabled");
    await click(".modal-footer button", { text: "Edit" });
    await contains(".modal", { count: 0 });
    await contains(".o-mail-Composer-input", { value: "No problem, it's our policy" });
    await assertSteps([]);

    // without a damaging phrase left, it is sent at once
    await click(".o-care-PhraseHints-alternative", { text: "here is the reason" });
    await contains(".o-mail-Composer-input", { value: "No problem, here is the reason" });
    await click(".o-mail-Composer-send:enabled");
    await contains(".o-mail-Message", { text: "No problem, here is the reason" });
    await contains(".modal", { count: 0 });
    await assertSteps(["/mail/message/post [12]"]);
});

test("a log note shows no hints and is sent without confirmation", async () => {
    const pyEnv = await startServer();
    const partnerId = pyEnv["res.partner"].create({ name: "John Doe" });
    mockPhraseCheck({ confirm: true });
    onRpcBefore("/mail/message/post", (args) => {
        step(`/mail/message/post ${args.post_data.subtype_xmlid}`);
    });
    await start();
    await openFormView("res.partner", partnerId);
    await click("button", { text: "Send message" });
    await insertText(".o-mail-Composer-input", TEXT);
    await contains(".o-care-PhraseHints-found", { count: 2 });
    await click("button", { text: "Log note" });
    await contains(".o-mail-Composer-input[placeholder='Log an internal note…']");
    await contains(".o-mail-Composer-input", { value: TEXT });
    await contains(".o-care-PhraseHints", { count: 0 });
    await click(".o-mail-Composer-send:enabled");
    await contains(".o-mail-Message", { text: TEXT });
    await contains(".modal", { count: 0 });
    await assertSteps(["/mail/message/post mail.mt_note"]);
});
