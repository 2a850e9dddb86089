import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { calendarView } from "@web/views/calendar/calendar_view";
import { CalendarRenderer } from "@web/views/calendar/calendar_renderer";
import { CalendarCommonRenderer } from "@web/views/calendar/calendar_common/calendar_common_renderer";
import { CalendarCommonPopover } from "@web/views/calendar/calendar_common/calendar_common_popover";

/**
 * The calendars of My Day and of the loyalty actions: the popover opens the record,
 * sends or marks done a planned loyalty action, or acknowledges a standard, without
 * leaving the calendar.
 */
export class CareMyDayCalendarPopover extends CalendarCommonPopover {
    static subTemplates = {
        ...CalendarCommonPopover.subTemplates,
        footer: "customer_care.MyDayCalendarPopover.footer",
    };

    setup() {
        super.setup();
        this.orm = useService("orm");
        this.action = useService("action");
    }

    get work() {
        return this.props.record.rawRecord;
    }

    get hasFooter() {
        return true;
    }

    get isMyDay() {
        return this.props.model.resModel === "care.my.day";
    }

    get isPlannedAction() {
        return this.isMyDay ? this.work.kind === "loyalty" : this.work.state === "planned";
    }

    onOpen() {
        if (this.isMyDay) {
            return this.call("action_open");
        }
        return this.onEditEvent();
    }

    async call(method) {
        const resModel = this.props.model.resModel;
        const result = await this.orm.call(resModel, method, [[this.props.record.id]]);
        this.props.close();
        if (result && typeof result === "object") {
            await this.action.doAction(result);
        } else {
            await this.props.model.load();
        }
    }
}

export class CareMyDayCalendarCommonRenderer extends CalendarCommonRenderer {
    static components = { ...CalendarCommonRenderer.components, Popover: CareMyDayCalendarPopover };
}

export class CareMyDayCalendarRenderer extends CalendarRenderer {
    static components = {
        ...CalendarRenderer.components,
        day: CareMyDayCalendarCommonRenderer,
        week: CareMyDayCalendarCommonRenderer,
        month: CareMyDayCalendarCommonRenderer,
    };
}

export const careWorkCalendarView = { ...calendarView, Renderer: CareMyDayCalendarRenderer };
registry.category("views").add("care_my_day_calendar", careWorkCalendarView);
registry.category("views").add("care_loyalty_calendar", careWorkCalendarView);
