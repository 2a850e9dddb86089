import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

function openComplaints(menuXmlid) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Customer Care app",
            trigger: ".o_app[data-menu-xmlid='customer_care.customer_care_menu_root']",
            run: "click",
        },
        {
            content: "Open the Complaints menu",
            trigger: ".o_menu_sections button:contains('Complaints')",
            run: "click",
        },
        {
            trigger: `.dropdown-item[data-menu-xmlid='${menuXmlid}']`,
            run: "click",
        },
    ];
}

function nextStep(stepName) {
    return [
        {
            content: `Pass the step, on to "${stepName}"`,
            trigger: ".o_form_view button[name=action_next_step]",
            run: "click",
        },
        {
            trigger: `.o_statusbar_status button.o_arrow_button_current:contains('${stepName}')`,
        },
    ];
}

registry.category("web_tour.tours").add("customer_care_complaint_steps", {
    url: "/odoo",
    steps: () => [
        ...openComplaints("customer_care.care_complaint_menu"),
        {
            content: "Open the complaint that came in by e-mail",
            trigger: ".o_kanban_record:contains('Tour broken chair')",
            run: "click",
        },
        {
            content: "The customer was found by the e-mail address",
            trigger: ".o_field_widget[name=partner_id] input:value(Tour Chair Buyer)",
        },
        {
            content: "The first step's fields are marked as needed",
            trigger: ".o_field_widget[name=customer_feeling].text-care_step_needed",
        },
        {
            content: "The later steps stay out of the way",
            trigger: ".o_notebook:not(:has(.o_field_widget[name=facts])):not(:has(.o_field_widget[name=solution]))",
        },
        {
            content: "Passing the step without the customer's feeling is refused",
            trigger: ".o_form_view button[name=action_next_step]",
            run: "click",
        },
        {
            content: "The message names what is missing",
            trigger: ".modal .modal-body:contains('Customer Feeling')",
        },
        {
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Note how the customer felt",
            trigger: ".o_field_widget[name=customer_feeling] select",
            run: 'select "angry"',
        },
        ...nextStep("Apologise"),
        {
            content: "Note the apology given by phone",
            trigger: ".o_field_widget[name=apology_note] textarea",
            run: "edit Apologised by phone for the broken chair.",
        },
        ...nextStep("Gather Information"),
        {
            content: "Now the facts are the step's need, the feeling no longer",
            trigger: ".o_field_widget[name=facts].text-care_step_needed",
        },
        {
            trigger: ".o_field_widget[name=customer_feeling]:not(.text-care_step_needed)",
        },
        {
            content: "Write the facts",
            trigger: ".o_field_widget[name=facts] textarea",
            run: "edit One leg was cracked in the box.",
        },
        ...nextStep("Offer a Solution"),
        {
            content: "Offer a solution",
            trigger: ".o_field_widget[name=solution] textarea",
            run: "edit A new chair and a voucher.",
        },
        {
            content: "Open the compensation",
            trigger: ".o_notebook .nav-link:contains('Compensation')",
            run: "click",
        },
        {
            content: "Add a compensation line",
            trigger: ".o_field_widget[name=compensation_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=compensation_ids] .o_data_row .o_field_widget[name=name] input",
            run: "edit Voucher for the next order",
        },
        {
            trigger: ".o_field_widget[name=compensation_ids] .o_data_row .o_field_widget[name=amount] input",
            run: "edit 120",
        },
        {
            content: "Save the complaint",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            content: "Submit it: above the user's limit, it goes to a manager",
            trigger: ".o_field_widget[name=compensation_ids] .o_data_row button[name=action_submit]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=compensation_ids] .o_data_row:contains('To Approve')",
        },
        ...nextStep("Agree What Is Fair"),
    ],
});

registry.category("web_tour.tours").add("customer_care_complaint_approve", {
    url: "/odoo",
    steps: () => [
        ...openComplaints("customer_care.care_complaint_compensation_menu"),
        {
            content: "Approve the voucher",
            trigger: ".o_data_row:contains('Voucher for the next order') button[name=action_approve]",
            run: "click",
        },
        {
            content: "The voucher left the list of compensation to approve",
            trigger: ".o_list_view:not(:has(.o_data_row:contains('Voucher for the next order')))",
        },
    ],
});

registry.category("web_tour.tours").add("customer_care_complaint_close", {
    url: "/odoo",
    steps: () => [
        ...openComplaints("customer_care.care_complaint_menu"),
        {
            trigger: ".o_kanban_record:contains('Tour broken chair')",
            run: "click",
        },
        {
            content: "The customer accepted the solution",
            trigger: ".o_field_widget[name=agreement] select",
            run: 'select "accepted"',
        },
        ...nextStep("Follow Up"),
        {
            trigger: ".o_field_widget[name=follow_up_note] textarea",
            run: "edit Called after the new chair was delivered.",
        },
        {
            trigger: ".o_field_widget[name=follow_up_answer] textarea",
            run: "edit The customer is happy.",
        },
        {
            content: "Close the complaint",
            trigger: ".o_form_view button[name=action_close]",
            run: "click",
        },
        {
            trigger: ".o_form_view .ribbon:contains('Closed')",
        },
    ],
});
