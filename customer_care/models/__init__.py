from . import res_company
from . import res_partner
from . import crm_lead
