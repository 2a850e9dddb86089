from . import care_complaint_reject
from . import mail_compose_message
