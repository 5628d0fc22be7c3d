package io.shopplatform.service.db;

import io.shopplatform.service.problem.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerInterceptor;

/** The fence's HTTP side: reads {@code Shop-Min-Version} of a request, writes {@code Shop-Version} on a write's response. */
final class ReadYourWritesWeb implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        long position;
        try {
            position = ReadYourWrites.parse(request);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(ReadYourWrites.MIN_VERSION_HEADER,
                    "must be a version a write returned in " + ReadYourWrites.VERSION_HEADER);
        }
        if (position > 0) {
            request.setAttribute(ReadYourWrites.REQUESTED, position);
        }
        return true;
    }

    /** Sets the response header of the request this thread serves, if any (the highest of its writes wins). */
    static void respond(long position) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet
                && servlet.getResponse() != null && !servlet.getResponse().isCommitted()) {
            HttpServletResponse response = servlet.getResponse();
            String previous = response.getHeader(ReadYourWrites.VERSION_HEADER);
            if (previous == null || Long.parseLong(previous) < position) {
                response.setHeader(ReadYourWrites.VERSION_HEADER, Long.toString(position));
            }
        }
    }
}
