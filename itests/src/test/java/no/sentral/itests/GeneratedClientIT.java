package no.sentral.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import no.sentral.client.ApiClient;
import no.sentral.client.ApiException;
import no.sentral.client.ApiResponse;
import no.sentral.client.api.ConfigApi;
import no.sentral.client.api.ContactApi;
import no.sentral.client.api.DepartmentApi;
import no.sentral.client.api.EmployeeApi;
import no.sentral.client.api.SubscriptionApi;
import no.sentral.client.api.SwitchboardApi;
import no.sentral.client.model.Activated;
import no.sentral.client.model.Activation;
import no.sentral.client.model.Agent;
import no.sentral.client.model.Contact;
import no.sentral.client.model.ContactInput;
import no.sentral.client.model.Department;
import no.sentral.client.model.DepartmentInput;
import no.sentral.client.model.Employee;
import no.sentral.client.model.EmployeeInput;
import no.sentral.client.model.Figures;
import no.sentral.client.model.PageOfEmployee;
import no.sentral.client.model.Problem;
import no.sentral.client.model.QueueConfig;
import no.sentral.client.model.ShippingAddress;
import no.sentral.client.model.SwitchboardSetUpItem;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

/**
 * The proof of the contract: a Java client that openapi-generator made from the committed document, with no
 * edits (see the itests pom), drives the organisation and the switchboard as an integrator's system would.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class GeneratedClientIT extends SentralTestSupport {

    private ApiClient client(String authorization) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUrl() + "/api/v1");
        client.setRequestInterceptor(request -> request.header("Authorization", authorization));
        return client;
    }

    private static Problem problem(ApiException e) throws Exception {
        return new ObjectMapper().readValue(e.getResponseBody(), Problem.class);
    }

    @Test
    public void aGeneratedClientRunsTheOrganisationAndTheSwitchboard() throws Exception {
        ApiClient client = client(newCompany("client-co"));
        DepartmentApi departments = new DepartmentApi(client);
        EmployeeApi employees = new EmployeeApi(client);

        ApiResponse<Department> created = departments.createWithHttpInfo(new DepartmentInput().name("Kundeservice"));
        assertEquals(201, created.getStatusCode());
        UUID service = created.getData().getId();
        assertTrue(created.getHeaders().get("location").get(0).endsWith("/api/v1/departments/" + service));

        Employee kari = employees.create(new EmployeeInput().departmentId(service).name("Kari Nordmann")
                .mobile("987 65 432").email("kari@client-co.example"));
        assertEquals("+4798765432", kari.getMobile());
        ApiResponse<Employee> read = employees.getWithHttpInfo(kari.getId());
        String etag = read.getHeaders().get("etag").get(0);
        assertEquals("\"" + kari.getVersion() + "\"", etag);
        Employee renamed = employees.update(kari.getId(), etag, new EmployeeInput().departmentId(service)
                .name("Kari Hansen").mobile("+4798765432"));
        assertEquals("Kari Hansen", renamed.getName());
        try {
            employees.update(kari.getId(), etag, new EmployeeInput().departmentId(service).name("Kari Berg"));
            fail("a stale If-Match must be refused");
        } catch (ApiException e) {
            assertEquals(412, e.getCode());
            assertEquals(412, (int) problem(e).getStatus());
        }
        try {
            employees.create(new EmployeeInput().departmentId(service).name("Ola").email("not an address"));
            fail("a bad e-mail address must be refused");
        } catch (ApiException e) {
            assertEquals(422, e.getCode());
            assertEquals("email", problem(e).getErrors().get(0).getField());
        }
        PageOfEmployee page = employees.callList(service, null, 0, 10, null, null);
        assertEquals(1L, (long) page.getTotal());
        assertEquals("Kari Hansen", page.getItems().get(0).getName());

        ContactApi contacts = new ContactApi(client);
        Contact supplier = contacts.create(new ContactInput().name("Leverandør AS").phone("22 00 00 00"));
        assertEquals("+4722000000", supplier.getPhone());
        assertEquals(List.of(supplier.getId()), contacts.callList("Leverandør").stream().map(Contact::getId).toList());

        Activated activated = new SubscriptionApi(client).activate(new Activation().number("41234599")
                .kind(Activation.KindEnum.MOBILE).employeeId(kari.getId()).departmentId(service).pricePlan("mobil-3")
                .shipTo(new ShippingAddress().name("Kari Hansen").street("Storgata 1").postalCode("0155").city("Oslo")));
        assertEquals("+4741234599", activated.getSubscription().getNumber());
        assertNotNull(activated.getSimOrder());

        ConfigApi config = new ConfigApi(client);
        config.put("queues", "support", new SwitchboardSetUpItem(new QueueConfig().name("Support").ringSeconds(20)),
                null);
        assertEquals(1, config.callList("queues").size());
        SwitchboardApi switchboard = new SwitchboardApi(client);
        Agent agent = switchboard.login(kari.getId().toString(), "support");
        assertEquals(List.of("support"), agent.getQueues());
        List<Figures> queues = switchboard.queues();
        assertEquals("support", queues.get(0).getId());
        assertEquals(List.of(), switchboard.callLog(null, true, OffsetDateTime.now().minusHours(1), null, 10));
    }
}
