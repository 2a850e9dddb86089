import { Composer } from "@mail/core/common/composer";
import { toRaw } from "@odoo/owl";
import { ConfirmationDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { forgetTaken, PhraseHints, takenPhraseIds } from "./phrase_hints";

Composer.components = { ...Composer.components, PhraseHints };

patch(Composer.prototype, {
    setup() {
        super.setup(...arguments);
        // Filled by the hints once the document's data is loaded.
        this.carePhraseChecker = { data: null, library: null };
    },

    get extraData() {
        const extraData = super.extraData;
        const taken = takenPhraseIds(this.props.composer);
        if (!taken.length) {
            return extraData;
        }
        return {
            ...extraData,
            context: { ...extraData?.context, care_phrase_taken_ids: taken },
        };
    },

    /** Whether sending waits for the writer to confirm the damaging phrases. */
    careNeedsConfirmation() {
        const { data, library } = this.carePhraseChecker;
        return Boolean(
            this.props.type !== "note" &&
                data?.confirm &&
                library &&
                library.find(this.props.composer.text).length
        );
    },

    async sendMessage() {
        if (toRaw(this.props.composer).message || !this.careNeedsConfirmation()) {
            return this.careSend();
        }
        this.env.services.dialog.add(ConfirmationDialog, {
            title: _t("Damaging phrases"),
            body: _t(
                "This reply still holds phrases that may damage the relationship with the customer. Send it anyway?"
            ),
            confirmLabel: _t("Send Anyway"),
            confirm: () => this.careSend(),
            cancelLabel: _t("Edit"),
            cancel: () => {},
        });
    },

    async careSend() {
        const composer = this.props.composer;
        await super.sendMessage();
        forgetTaken(composer);
    },
});
