from . import res_company
from . import res_partner
from . import crm_lead
from . import care_loyalty_action_type
from . import care_loyalty_action
from . import sale_order
from . import res_config_settings
from . import mail_mail
