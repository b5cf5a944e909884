package de.voicebooking.booking;

import java.util.List;

import org.springframework.stereotype.Component;

import de.voicebooking.avro.AppointmentInfo;
import de.voicebooking.avro.AppointmentsResult;
import de.voicebooking.avro.BookingResult;
import de.voicebooking.avro.FunctionReply;
import de.voicebooking.avro.ServiceOffering;
import de.voicebooking.avro.StaffMember;
import de.voicebooking.booking.domain.BookingState;
import de.voicebooking.schemas.tenant.TenantCatalog;
import de.voicebooking.schemas.tenant.TenantDirectory;

/** Builds the typed replies of booking-service; the gateway turns them into speech. */
@Component
public class BookingReplies {
    private final TenantDirectory tenants;

    public BookingReplies(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    /** The booking as it stands, in the state the caller was told ({@link BookingState#toldCaller}). */
    public FunctionReply result(Booking b) {
        return withReason(b, b.reason());
    }

    /** The booking as it stands (as the caller was told), with a reason that is not (yet) stored. */
    public FunctionReply withReason(Booking b, String reason) {
        TenantCatalog t = tenants.get(b.tenantId()).orElse(null);
        String service = t == null ? b.serviceId() : t.serviceById(b.serviceId()).map(ServiceOffering::getName).orElse(b.serviceId());
        String staff = t == null ? b.staffId() : t.staffById(b.staffId()).map(StaffMember::getName).orElse(b.staffId());
        Integer holdMinutes = t == null ? null : t.config().getPolicies().getHoldMinutes();
        return new FunctionReply(new BookingResult(b.id().toString(), b.state().toldCaller(b.reason()).name(), reason, b.startsAt(), service, staff, holdMinutes,
                b.state() == BookingState.CONFIRMED && b.awaitingConfirmation(), List.of(), List.of()));
    }

    /** A wish refused before any hold was taken. */
    public FunctionReply refused(String bookingId, String reason, ServiceOffering service) {
        return new FunctionReply(new BookingResult(bookingId, "REJECTED", reason, null,
                service == null ? null : service.getName(), null, null, false, List.of(), List.of()));
    }

    /** A staff wish that cannot be met for {@code service} ({@link TenantCatalog.StaffRefusal}): the names go as candidates. */
    public FunctionReply staffRefused(String bookingId, TenantCatalog.StaffRefusal r, ServiceOffering service) {
        return new FunctionReply(new BookingResult(bookingId, "REJECTED", r.reason(), null, service.getName(), r.askedName(), null, false,
                r.names(), List.of()));
    }

    /** A wish whose service several services fit: {@code candidates}, their names, to ask back among. */
    public FunctionReply ambiguousService(String bookingId, List<String> candidates) {
        return new FunctionReply(new BookingResult(bookingId, "REJECTED", "ambiguous_service", null, null, null, null, false, candidates, List.of()));
    }

    /**
     * A cancel by date that fits several of the caller's appointments: REJECTED, reason
     * {@code ambiguous_appointment}, the candidates their starts as tenant-local ISO date-times
     * ({@code 2026-11-23T11:00}), earliest first, for the caller to choose by day and time.
     */
    public FunctionReply ambiguousAppointment(List<Booking> bookings, java.time.ZoneId zone) {
        List<String> starts = bookings.stream().map(Booking::startsAt).sorted()
                .map(s -> s.atZone(zone).toLocalDateTime().toString()).toList();
        return new FunctionReply(new BookingResult("", "REJECTED", "ambiguous_appointment", null, null, null, null, false, starts, List.of()));
    }

    public FunctionReply notFound(String bookingId) {
        return new FunctionReply(new BookingResult(bookingId == null ? "" : bookingId, "NOT_FOUND", "not_found", null, null, null, null, false, List.of(), List.of()));
    }

    /**
     * The caller's upcoming appointments, and their requests the business declined in Cal.com
     * (CANCELLED, reason {@code declined_in_calendar}), so a caller who calls back hears why.
     */
    public FunctionReply appointments(List<Booking> bookings) {
        List<AppointmentInfo> list = bookings.stream().map(b -> {
            BookingResult r = (BookingResult) result(b).getPayload();
            return new AppointmentInfo(r.getBookingId(), r.getStatus(), b.startsAt(), r.getServiceName(), r.getStaffName(),
                    r.getAwaitingConfirmation(), r.getReason());
        }).toList();
        return new FunctionReply(new AppointmentsResult(list));
    }
}
