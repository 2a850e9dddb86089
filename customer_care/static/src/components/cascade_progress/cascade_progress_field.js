import { Component } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

/**
 * One progress bar per CASCADE element of a review, from the review's
 * element_progress JSON: [{id, name, letter, color, applicable, progress, reached}].
 */
export class CascadeProgressField extends Component {
    static template = "customer_care.CascadeProgressField";
    static props = { ...standardFieldProps };

    get elements() {
        return this.props.record.data[this.props.name] || [];
    }

    formatProgress(element) {
        return element.applicable ? `${Math.round(element.progress)}%` : "-";
    }
}

export const cascadeProgressField = {
    component: CascadeProgressField,
    supportedTypes: ["json"],
};

registry.category("fields").add("care_cascade_progress", cascadeProgressField);
