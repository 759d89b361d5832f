package org.forkline.web.internal.testing;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;

import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

import com.fasterxml.jackson.jaxrs.cfg.Annotations;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

/**
 * The REST application as Karaf serves it, minus OSGi: CXF's servlet under {@code /api} on a loopback Jetty 9.4
 * port, with the Jackson provider configured as the Aries jackson extension does.
 */
public final class RestServer implements AutoCloseable {

    private final org.eclipse.jetty.server.Server jetty;
    private final Server endpoint;
    private final URI base;

    public RestServer(List<Object> resources, List<Object> providers) throws Exception {
        jetty = new org.eclipse.jetty.server.Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        CXFNonSpringServlet servlet = new CXFNonSpringServlet();
        ServletHolder holder = new ServletHolder(servlet);
        holder.setInitOrder(0);
        context.addServlet(holder, "/api/*");
        jetty.setHandler(context);
        jetty.start();

        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(servlet.getBus());
        factory.setAddress("/");
        factory.setServiceBeans(resources);
        List<Object> all = new java.util.ArrayList<>(providers);
        all.add(new JacksonJsonProvider(Annotations.JACKSON, Annotations.JAXB));
        factory.setProviders(all);
        endpoint = factory.create();

        int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
        base = URI.create("http://127.0.0.1:" + port);
    }

    /** An absolute URI of a path such as {@code /api/v1/health}. */
    public URI uri(String path) {
        return base.resolve(path);
    }

    @Override
    public void close() throws Exception {
        endpoint.destroy();
        jetty.stop();
        jetty.join();
    }
}
