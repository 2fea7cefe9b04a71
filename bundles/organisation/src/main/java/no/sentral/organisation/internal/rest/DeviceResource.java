package no.sentral.organisation.internal.rest;

import no.sentral.api.security.Role;
import java.util.List;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.organisation.Device;
import no.sentral.organisation.internal.service.EquipmentService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The equipment overview (PORTAL-05), kept up to date by the network's device sightings. */
@Component(service = Object.class, property = "sentral.rest=true")
@Path("/devices")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.COMPANY_ADMIN, Role.Names.DEPARTMENT_ADMIN, Role.Names.EMPLOYEE})
public class DeviceResource {

    private final EquipmentService equipment;

    @Activate
    public DeviceResource(@Reference EquipmentService equipment) {
        this.equipment = equipment;
    }

    @GET
    public List<Device> list(@Context SecurityContext security) {
        return equipment.list(Http.caller(security));
    }
}
