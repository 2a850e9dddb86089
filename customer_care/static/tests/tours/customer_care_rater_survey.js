import { registry } from "@web/core/registry";

// The customer answers the RATER survey from the link of the e-mail sent when
// the complaint closed: the ten statements (4 of 5, empathy 2), the
// recommendation (9 of 10) and what would have been fair. The test opens the
// answer's own link; the selectors do not depend on the language.
const statements = [4, 4, 4, 4, 4, 4, 2, 2, 4, 4];

registry.category("web_tour.tours").add("customer_care_rater_survey", {
    steps: () => [
        {
            content: "Start the survey",
            trigger: ".o_survey_start button[value=start]:not(.disabled)",
            run: "click",
        },
        ...statements.map((score, index) => ({
            content: `Score statement ${index + 1}`,
            trigger: `.js_question-wrapper:eq(${index}) label[for$='_${score}']`,
            run: "click",
        })),
        {
            content: "Would recommend us: 9",
            trigger: ".js_question-wrapper:eq(10) label[for$='_9']",
            run: "click",
        },
        {
            content: "Say what would have been fair",
            trigger: ".js_question-wrapper:eq(11) textarea",
            run: "edit A call back the same day.",
        },
        {
            content: "Submit the answers",
            trigger: "button[value=finish]",
            run: "click",
        },
        {
            content: "The survey is finished",
            trigger: ".o_survey_finished",
        },
    ],
});
