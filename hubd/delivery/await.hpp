#pragma once
/**
 * @file Runs one asynchronous operation to completion on a private io_context. Beast applies a
 * stream's deadline to asynchronous operations only, and a peer that stalls (a webhook
 * receiver, a gateway, an SMTP server) must not hold the thread that sends.
 */

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/system/system_error.hpp>

namespace hubd {

template <class Start> void await(boost::asio::io_context& ioc, Start&& start) {
    boost::beast::error_code result;
    start([&result](boost::beast::error_code ec, auto&&...) { result = ec; });
    ioc.run();
    ioc.restart();
    if (result) throw boost::system::system_error(result);
}

} // namespace hubd
