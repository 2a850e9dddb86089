from . import test_access
from . import test_buying_role
from . import test_crm_lead
from . import test_customer_kind
from . import test_man_qualification
from . import test_search_filters
from . import test_translations
from . import test_ui
