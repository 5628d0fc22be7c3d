// Tokenizes the card at the payment provider straight from the browser, then submits the form with the token
// only: card numbers never reach the shop's servers (the card fields have no name, so they are never posted).
(function () {
  'use strict';
  var form = document.getElementById('checkout');
  if (!form) { return; }
  var error = document.getElementById('card-error');
  var token = document.getElementById('card-token');
  function value(id) { return document.getElementById(id).value.replace(/\s+/g, ''); }
  function fail(message) { error.textContent = message; error.hidden = false; }
  form.addEventListener('submit', function (event) {
    if (token.value) { return; }
    event.preventDefault();
    error.hidden = true;
    fetch(form.dataset.tokensUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + form.dataset.tokensKey },
      body: JSON.stringify({ number: value('card-number'), exp_month: parseInt(value('card-exp-month'), 10),
        exp_year: parseInt(value('card-exp-year'), 10), cvc: value('card-cvc') })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (answer) {
      if (!answer.ok || !answer.body.id) {
        fail('The card was not accepted: please check its number, expiry and security code.');
        return;
      }
      token.value = answer.body.id;
      form.submit();
    }).catch(function () {
      fail('The payment provider could not be reached; please try again.');
    });
  });
}());
