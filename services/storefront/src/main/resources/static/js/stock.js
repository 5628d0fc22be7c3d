// Live stock on the product page: the inventory's events for this SKU (through the storefront's own origin).
(function () {
  'use strict';
  var stock = document.getElementById('stock');
  if (!stock || !window.EventSource) { return; }
  var events = new EventSource(stock.dataset.stream);
  events.addEventListener('stock', function (event) {
    var available = JSON.parse(event.data).available;
    stock.textContent = '';
    var text = document.createElement('span');
    if (available > 0) {
      var count = document.createElement('span');
      count.id = 'available';
      count.textContent = available;
      text.appendChild(count);
      text.appendChild(document.createTextNode(' in stock'));
    } else {
      text.textContent = 'Out of stock';
    }
    stock.appendChild(text);
  });
}());
