import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("customer_care_complaint_portal", {
    url: "/my",
    steps: () => [
        {
            content: "Open the complaints of My Account",
            trigger: ".o_portal_index_card a[href='/my/complaints']",
            run: "click",
        },
        {
            content: "File a new complaint",
            trigger: "a.o_care_complaint_new",
            run: "click",
        },
        {
            content: "Write the subject",
            trigger: ".o_care_complaint_form input[name=name]",
            run: "edit Tour broken kettle",
        },
        {
            content: "Describe what happened",
            trigger: ".o_care_complaint_form textarea[name=description]",
            run: "edit The kettle leaked on the first day.",
        },
        {
            content: "Attach the receipt",
            trigger: ".o_care_complaint_form input[name=attachments]",
            run() {
                const files = new DataTransfer();
                files.items.add(new File(["Receipt 2026-0042, kettle, 39.00"], "receipt.txt", { type: "text/plain" }));
                this.anchor.files = files.files;
            },
        },
        {
            content: "Send the complaint",
            trigger: ".o_care_complaint_submit",
            run: "click",
        },
        {
            content: "The new complaint is shown",
            trigger: ".o_care_complaint_subject:contains('Tour broken kettle')",
        },
        {
            content: "It says where it stands, in the customer's words",
            trigger: ".o_care_complaint_progress .o_care_progress_received[aria-current=step]",
        },
        {
            content: "and who handles it",
            trigger: ".o_care_complaint_responsible:contains('Handled by')",
        },
        {
            content: "The receipt is in the history",
            trigger: "#chatterRoot:shadow .o-mail-AttachmentCard:contains('receipt.txt'), #chatterRoot:shadow .o-mail-AttachmentList:contains('receipt.txt')",
        },
        {
            content: "Write a reply in the chatter",
            trigger: "#chatterRoot:shadow .o-mail-Composer-input",
            run: "edit I still have the receipt.",
        },
        {
            content: "Send the reply",
            trigger: "#chatterRoot:shadow .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The reply is in the chatter",
            trigger:
                "#chatterRoot:shadow .o-mail-Message:contains('I still have the receipt.')",
        },
    ],
});
