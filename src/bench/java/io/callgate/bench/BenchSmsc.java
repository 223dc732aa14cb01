package io.callgate.bench;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.RandomMessageIDGenerator;

/**
 * A minimal SMSC on jSMPP's server side: accepts any bind and answers each submit_sm at once with
 * a message id (or, once per destination when asked, with ESME_RTHROTTLED, which callgate retries).
 * It sends no delivery receipts; callgate is configured not to ask for them.
 */
final class BenchSmsc implements AutoCloseable {

    private final SMPPServerSessionListener listener;
    private final Acceptances acceptances;
    private final RandomMessageIDGenerator ids = new RandomMessageIDGenerator();
    private final AtomicInteger binds = new AtomicInteger();
    private volatile boolean closed;

    BenchSmsc(int port, Acceptances acceptances) throws IOException {
        this.listener = new SMPPServerSessionListener(port);
        this.acceptances = acceptances;
        listener.setMessageReceiverListener(new Receiver());
        // submit_sm is answered inside the listener: a few threads keep the session's queue short.
        listener.setPduProcessorDegree(4);
        listener.setQueueCapacity(10_000);
        Thread.ofPlatform().daemon().name("bench-smsc-accept").start(this::accept);
    }

    int binds() {
        return binds.get();
    }

    private void accept() {
        while (!closed) {
            try {
                SMPPServerSession session = listener.accept();
                Thread.ofPlatform().daemon().name("bench-smsc-bind").start(() -> bind(session));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("bench SMSC: accept failed: " + e.getMessage());
                }
            }
        }
    }

    private void bind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(10_000);
            request.accept("benchsmsc", InterfaceVersion.IF_34);
            binds.incrementAndGet();
        } catch (TimeoutException | IOException | PDUStringException e) {
            System.err.println("bench SMSC: bind failed: " + e.getMessage());
            session.close();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
    }

    private final class Receiver implements ServerMessageReceiverListener {

        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
            if (!acceptances.offer(submitSm.getDestAddress())) {
                throw new ProcessRequestException("throttled", SMPPConstant.STAT_ESME_RTHROTTLED);
            }
            return new SubmitSmResult(ids.newMessageId(), new org.jsmpp.bean.OptionalParameter[0]);
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
                throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw unsupported();
        }

        private ProcessRequestException unsupported() {
            return new ProcessRequestException("not supported by the bench SMSC", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }
}
