"""What other code may call about regions and their provisioning."""

from tenants.selectors import provisioning_progress  # noqa: F401
from tenants.services import (  # noqa: F401
    STEP_LABELS,
    ProvisioningError,
    RegionRequest,
    primary_hostname,
    queue_job,
    retry_job,
    set_status,
    start_provisioning,
)
