from . import care_complaint_reject
