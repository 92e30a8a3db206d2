"""What other code may call about regions and their provisioning."""

from tenants.selectors import (  # noqa: F401
    last_activity,
    provisioning_progress,
    regions_for_console,
    storage_bytes,
)
from tenants.services import (  # noqa: F401
    LIFECYCLE,
    STEP_LABELS,
    ProvisioningError,
    RegionRequest,
    change_lifecycle,
    primary_hostname,
    queue_job,
    retry_job,
    set_status,
    start_provisioning,
)
